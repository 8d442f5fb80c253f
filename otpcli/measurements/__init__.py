"""The values: measurement files (read, validate, append under a lock), the cache of parsed
series, units (reading what people type, showing numbers), recording and importing, and the
bundled example's data moved to the present.

May import ``otpcli.org`` and the plumbing; nothing above.
"""
