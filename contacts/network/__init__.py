"""Who reached out to whom: the counts (`analysis`) and the matrix and graph drawn from
them (`graph`)."""
