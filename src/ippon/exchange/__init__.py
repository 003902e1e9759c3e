"""Files in and out: entry lists (CSV, XLSX, ODS, XLS) and JudoShiai `.shi` tournaments.

This layer turns bytes into the plain rows of `ippon.exchange.rows` and back. It never touches
ippon's database: the services decide what to do with the rows.
"""
