/* qpdf structural reader: opens a PDF once with qpdf's C API, walks every object
 * reachable from the trailer plus every other object id in the cross-reference
 * table (so objects inside object streams and orphans left by incremental
 * updates are seen), and shares the result with every PDF structure check
 * through the file's NOHIN_READER_QPDF slot.
 *
 * Object handles stay valid for the life of the file; checks must not call
 * qpdf_oh_release_all. */
#ifndef NOHIN_QPDF_READER_H
#define NOHIN_QPDF_READER_H

#include <qpdf/qpdf-c.h>
#include "nohin_internal.h"

/* Limits that keep a hostile file from exhausting the machine. */
#define NOHIN_QPDF_MAX_OBJECT_ID 2000000 /* object ids scanned beyond the reachable graph */
#define NOHIN_QPDF_MAX_DICTS 1000000     /* dictionaries recorded */
#define NOHIN_QPDF_MAX_VISITS 4000000    /* handles examined during the walk */
#define NOHIN_QPDF_MAX_DEPTH 64          /* nesting of direct objects */
#define NOHIN_QPDF_MAX_STREAM (64u * 1024u * 1024u) /* bytes decoded from one stream */
/* Page-tree entries (all /Kids together) and items read from one array. Beyond
 * them qpdf's own page list (which copies every repeated page) is never built:
 * a 12 MB file of 2,000,000 references to one page took 10 GB. */
#define NOHIN_QPDF_MAX_PAGES 100000
#define NOHIN_QPDF_MAX_ARRAY 200000

typedef struct {
    qpdf_oh oh;  /* the dictionary (for a stream: its dictionary) */
    qpdf_oh obj; /* the object itself (== oh unless a stream) */
    int objid;   /* the indirect object that holds it (0: the trailer) */
    bool stream;
} nohin_qpdf_dict;

typedef struct nohin_qpdf {
    qpdf_data q;    /* NULL when qpdf could not read the file */
    char *error;    /* why not */
    int n_warnings; /* warnings while reading and walking (damage qpdf repaired) */
    char *first_warning;
    bool truncated;  /* a limit stopped the walk: not everything was seen */
    bool page_limit; /* the page tree is over NOHIN_QPDF_MAX_PAGES: pages not mapped */
    int n_pages;
    GArray *dicts;       /* nohin_qpdf_dict, every dictionary once, in walk order */
    GHashTable *page_of; /* objid -> 1-based page: pages, annotations, their actions */
    GArray *page_ids;    /* objid of each page (0-based index) */
    bool checked;        /* nohin_qpdf_check ran */
    int check_warnings;  /* warnings from the full check */
    char *check_error;   /* first problem the full check reported */
    GMappedFile *map;    /* the file's bytes qpdf reads (kept while q lives) */
} nohin_qpdf;

/* False when the page tree holds more than NOHIN_QPDF_MAX_PAGES entries: then
 * nothing may call qpdf's page list (qpdf_get_num_pages, qpdf_check_pdf, writing). */
bool nohin_qpdf_page_tree_fits(qpdf_data q);
/* The file's qpdf reader, opened and walked on first use; never NULL. */
nohin_qpdf *nohin_qpdf_of(nohin_file *file);
/* A reader over bytes the caller keeps alive (an earlier revision of a file);
 * free with nohin_qpdf_free. Never NULL. */
nohin_qpdf *nohin_qpdf_open_bytes(const char *data, size_t len);
/* The same reading only the page tree (no walk: dicts stays empty), for callers
 * that only look at pages. */
nohin_qpdf *nohin_qpdf_open_bytes_pages(const char *data, size_t len);
void nohin_qpdf_free(nohin_qpdf *qp);
/* Embedded files (file specifications with /EF) and JavaScript actions. */
void nohin_qpdf_count(nohin_qpdf *qp, int *attachments, int *scripts);
/* The equivalent of `qpdf --check` (decodes every stream), run once. Returns true
 * when qpdf found nothing wrong. */
bool nohin_qpdf_check(nohin_qpdf *qp);

/* Page (1-based) that holds object objid, or 0 when it is not on a page. */
int nohin_qpdf_page_of(const nohin_qpdf *qp, int objid);
/* Page when known, else the object number. */
nohin_location nohin_qpdf_loc(const nohin_qpdf *qp, int objid);
/* Same, with the region of an annotation's /Rect on its page. */
nohin_location nohin_qpdf_loc_rect(nohin_qpdf *qp, int objid, qpdf_oh annot);

/* Helpers over qpdf handles; all tolerate a missing key or the wrong type. */
bool nohin_qpdf_has(nohin_qpdf *qp, qpdf_oh dict, const char *key);
qpdf_oh nohin_qpdf_get(nohin_qpdf *qp, qpdf_oh dict, const char *key); /* stream: its dict */
/* Name value of key ("/JavaScript"), or "" when absent; caller frees. */
char *nohin_qpdf_name(nohin_qpdf *qp, qpdf_oh dict, const char *key);
/* UTF-8 text of a string (or of a stream, up to max bytes); NULL when neither. */
char *nohin_qpdf_text(nohin_qpdf *qp, qpdf_oh oh, size_t max);
char *nohin_qpdf_key_text(nohin_qpdf *qp, qpdf_oh dict, const char *key, size_t max);
/* Decoded stream data, at most max bytes (the rest is not decoded, so a
 * compression bomb costs nothing); g_free it. NULL when it cannot be decoded.
 * *complete (may be NULL) says whether the whole stream fit. */
unsigned char *nohin_qpdf_stream_data(nohin_qpdf *qp, qpdf_oh stream, size_t max, size_t *len,
                                      bool *complete);
int nohin_qpdf_objid(nohin_qpdf *qp, qpdf_oh oh);
/* Walks a name tree (depth and entry limits), calling cb for each name/value. */
typedef void (*nohin_qpdf_name_cb)(nohin_qpdf *qp, const char *name, qpdf_oh value, void *user);
void nohin_qpdf_name_tree(nohin_qpdf *qp, qpdf_oh root, nohin_qpdf_name_cb cb, void *user);
/* Root /Names /<tree> ("/EmbeddedFiles", "/JavaScript"); null when absent. */
qpdf_oh nohin_qpdf_catalog_names(nohin_qpdf *qp, const char *tree);
/* Collects the warnings qpdf queued since the last call (counted as damage). */
void nohin_qpdf_drain_warnings(nohin_qpdf *qp);

#endif
