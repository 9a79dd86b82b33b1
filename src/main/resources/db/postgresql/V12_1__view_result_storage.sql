-- PostgreSQL only (the pg profile adds this location to db/migration): the result store of the derived views
-- (V12) holds copies the engine can derive again at any time, so it is kept out of the write-ahead log (an
-- unlogged table: not crash-safe, not on standbys, emptied after a crash, which costs only re-derivations), and
-- its bodies are stored out of line without compression, so a hit costs no decompression and a miss no
-- compression (measured in bench/README.md, "Derived views").
ALTER TABLE view_result SET UNLOGGED;
ALTER TABLE view_result ALTER COLUMN body SET STORAGE EXTERNAL;
