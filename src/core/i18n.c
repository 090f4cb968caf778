/* Language selection. English is the source language; Japanese comes from the po/ja folder.
 * gettext ignores LANGUAGE under the plain C locale, so C becomes C.UTF-8 here:
 * a METI reviewer's server with no locale set still gets Japanese. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nohin_internal.h"

#ifndef NOHIN_BUILD_LOCALEDIR
#define NOHIN_BUILD_LOCALEDIR ""
#endif
#ifndef NOHIN_INSTALL_LOCALEDIR
#define NOHIN_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif

extern int _nl_msg_cat_cntr; /* glibc: bumping it drops gettext's cached lookups */

static char current_lang[3] = "ja";

static const char *locale_dir(void)
{
    const char *env = g_getenv("NOHIN_LOCALEDIR");
    if (env && *env) return env;
    static char *dir;
    if (!dir) {
        char *mo = g_build_filename(NOHIN_BUILD_LOCALEDIR, "ja", "LC_MESSAGES", "nohin.mo", NULL);
        dir = g_strdup(NOHIN_BUILD_LOCALEDIR[0] && g_file_test(mo, G_FILE_TEST_EXISTS)
                           ? NOHIN_BUILD_LOCALEDIR
                           : NOHIN_INSTALL_LOCALEDIR);
        g_free(mo);
    }
    return dir;
}

static const char *lang_from_env(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < G_N_ELEMENTS(vars); i++) {
        const char *v = g_getenv(vars[i]);
        if (!v || !*v) continue;
        if (!strcmp(v, "C") || !strcmp(v, "POSIX") || g_str_has_prefix(v, "C.")) return "ja";
        return g_str_has_prefix(v, "ja") ? "ja" : "en";
    }
    return "ja";
}

void nohin_i18n_init(const char *lang)
{
    if (!setlocale(LC_ALL, "")) setlocale(LC_ALL, "C.UTF-8");
    const char *cur = setlocale(LC_MESSAGES, NULL);
    if (!cur || !strcmp(cur, "C") || !strcmp(cur, "POSIX")) {
        setlocale(LC_MESSAGES, "C.UTF-8");
        setlocale(LC_CTYPE, "C.UTF-8");
    }
    setlocale(LC_NUMERIC, "C"); /* JSON numbers always use a dot */
    if (!lang || !*lang) lang = lang_from_env();
    g_strlcpy(current_lang, strcmp(lang, "en") == 0 ? "en" : "ja", sizeof current_lang);
    g_setenv("LANGUAGE", current_lang, TRUE);
    bindtextdomain(NOHIN_TEXTDOMAIN, locale_dir());
    bind_textdomain_codeset(NOHIN_TEXTDOMAIN, "UTF-8");
    ++_nl_msg_cat_cntr;
}

const char *nohin_i18n_lang(void)
{
    return current_lang;
}
