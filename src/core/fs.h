/* File-system helpers every layer may use. */
#ifndef NOHIN_CORE_FS_H
#define NOHIN_CORE_FS_H

#include "nohin_internal.h"

/* Removes a folder tree we created: regular files and folders; links are
 * unlinked, never followed. True when nothing is left (or nothing was there). */
bool nohin_rmtree(const char *path);

#endif
