/* One file of the bundle as the pipeline sees it. */
#ifndef NOHIN_FILE_H
#define NOHIN_FILE_H

#include <stdbool.h>
#include <stdint.h>
#include "nohin/types.h"

typedef enum {
    NOHIN_STATUS_OK = 0,
    NOHIN_STATUS_UNREADABLE = 1,  /* a reader could not make sense of it */
    NOHIN_STATUS_NO_ACCESS = 2,   /* the system refused to open or read it (FILE-UNREADABLE) */
    NOHIN_STATUS_NOT_REGULAR = 3, /* symbolic link, FIFO, device or socket: never opened */
} nohin_file_status;

/* Slots where format readers cache what they parsed, so every check of a file
 * shares one parse. A reader owns its slot; see src/readers/. */
typedef enum {
    NOHIN_READER_PDF = 0, /* poppler document and page texts */
    NOHIN_READER_QPDF,    /* qpdf structural view */
    NOHIN_READER_XLSX,
    NOHIN_READER_CSV,
    NOHIN_READER_DOCX,
    NOHIN_READER_TEXT,     /* text sources for personal-data detection */
    NOHIN_READER_CAPTIONS, /* figure/table captions of a report */
    NOHIN_READER_ZIP,      /* a bundle zip expanded by src/bundle/zip_input.c */
    NOHIN_READER_FORM, /* which form (様式) the content says it is: src/bundle/bundle_model.c */
    NOHIN_READER_SPARE,
    NOHIN_READER_COUNT
} nohin_reader_slot;

typedef struct nohin_file {
    char *path;    /* bundle-relative, '/'-separated (what reports show) */
    char *abspath; /* where to read it on disk */
    char *mime;    /* libmagic MIME type */
    char *magic;   /* libmagic description */
    nohin_format format;
    nohin_role role;
    nohin_role folder_role; /* role named by a folder on its path; 0 when the default was used */
    uint64_t bytes;
    char sha256[65];
    nohin_file_status status;
    char *unreadable_reason; /* set by a reader that could not read the file */
    uint32_t mode;           /* st_mode seen by the walker (type of a NOT_REGULAR entry) */
    char *link_target;       /* a symbolic link's target as written; NULL otherwise */
    bool link_outside;       /* the link resolves outside the folder given (or nowhere) */
    struct {
        void *data;
        void (*destroy)(void *);
    } readers[NOHIN_READER_COUNT]; /* freed with the file */
} nohin_file;

void *nohin_file_reader(const nohin_file *file, nohin_reader_slot slot);
void nohin_file_set_reader(nohin_file *file, nohin_reader_slot slot, void *data,
                           void (*destroy)(void *));
/* Marks the file unreadable (JSON status "unreadable"); first reason wins. */
void nohin_file_mark_unreadable(nohin_file *file, const char *reason);

/* The extension of path, lower-cased, without the dot ("" when none). Caller frees. */
char *nohin_file_extension(const char *path);
/* The last path component of file->path. Points into file->path. */
const char *nohin_file_basename(const nohin_file *file);

#endif
