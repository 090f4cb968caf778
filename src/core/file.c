#include <string.h>
#include "nohin_internal.h"

char *nohin_file_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) return g_strdup("");
    return g_ascii_strdown(dot + 1, -1);
}

const char *nohin_file_basename(const nohin_file *file)
{
    const char *slash = strrchr(file->path, '/');
    return slash ? slash + 1 : file->path;
}

void *nohin_file_reader(const nohin_file *file, nohin_reader_slot slot)
{
    return file->readers[slot].data;
}

void nohin_file_set_reader(nohin_file *file, nohin_reader_slot slot, void *data,
                           void (*destroy)(void *))
{
    if (file->readers[slot].data && file->readers[slot].destroy)
        file->readers[slot].destroy(file->readers[slot].data);
    file->readers[slot].data = data;
    file->readers[slot].destroy = destroy;
}

void nohin_file_mark_unreadable(nohin_file *file, const char *reason)
{
    file->status = NOHIN_STATUS_UNREADABLE;
    if (!file->unreadable_reason) file->unreadable_reason = g_strdup(reason);
}

void nohin_file_free(nohin_file *f)
{
    if (!f) return;
    for (int i = 0; i < NOHIN_READER_COUNT; i++)
        nohin_file_set_reader(f, (nohin_reader_slot)i, NULL, NULL);
    g_free(f->path);
    g_free(f->abspath);
    g_free(f->mime);
    g_free(f->magic);
    g_free(f->unreadable_reason);
    g_free(f->link_target);
    g_free(f);
}
