/* Who a document property names: a person, an organisation or a program. One
 * place for PDF-METADATA-PERSON and XLSX-METADATA-PERSON, so "FastReport.NET",
 * "kingsoft", a KSO build number, "Mitsubishi", "AgileBits" or "Centers for
 * Medicare & Medicaid Services" are not reported as people while "Taro Yamada",
 * "yamada", "山田太郎" and "JOHNSCA" are. When in doubt it says person: a
 * missed name leaks, a false one costs a glance. */
#include <string.h>
#include <glib.h>
#include "pii.h"

/* Programs and their makers, matched as whole words (case-insensitive). */
static const char *const program_words[] = {
    "openpyxl",    "poi",         "microsoft",      "xlsxwriter",    "libreoffice",
    "openoffice",  "python-docx", "phpspreadsheet", "fastreport",    "kingsoft",
    "wps",         "kso",         "acrobat",        "adobe",         "distiller",
    "pdfmaker",    "pdftex",      "latex",          "xetex",         "luatex",
    "ghostscript", "tcpdf",       "fpdf",           "reportlab",     "itext",
    "pdfsharp",    "aspose",      "foxit",          "primopdf",      "cutepdf",
    "pscript5",    "powerpoint",  "excel",          "quartz",        "skia",
    "chrome",      "chromium",    "wkhtmltopdf",    "jasperreports", "nitro",
    "abbyy",       "scansnap",    "docuworks",      "ichitaro",      "writer",
    "calc",        "impress",     "indesign",       "illustrator",   "photoshop",
    "pages",       "numbers",     "keynote",        "gnumeric",      "epplus",
    "closedxml",   "spire",       "syncfusion",     "telerik",       "devexpress",
    "npoi",        "exceljs",     "sheetjs",        "docx4j",        "unknown",
    "creator",     NULL};
/* Organisations: legal forms and the words organisations are named with. */
static const char *const org_words[] = {"inc",
                                        "ltd",
                                        "llc",
                                        "llp",
                                        "corp",
                                        "corporation",
                                        "co",
                                        "company",
                                        "gmbh",
                                        "plc",
                                        "kk",
                                        "limited",
                                        "institute",
                                        "university",
                                        "agency",
                                        "ministry",
                                        "department",
                                        "dept",
                                        "association",
                                        "foundation",
                                        "group",
                                        "office",
                                        "council",
                                        "bureau",
                                        "government",
                                        "services",
                                        "service",
                                        "center",
                                        "centers",
                                        "centre",
                                        "centres",
                                        "systems",
                                        "technologies",
                                        "technology",
                                        "solutions",
                                        "labs",
                                        "lab",
                                        "software",
                                        "holdings",
                                        "bank",
                                        "committee",
                                        "commission",
                                        "administration",
                                        "authority",
                                        "society",
                                        "trust",
                                        "partners",
                                        "team",
                                        "school",
                                        "college",
                                        "hospital",
                                        "library",
                                        "press",
                                        "industries",
                                        "international",
                                        "board",
                                        "division",
                                        "unit",
                                        "project",
                                        "federal",
                                        "national",
                                        "children",
                                        "families",
                                        "and",
                                        "for",
                                        "of",
                                        "the",
                                        "implementation",
                                        "research",
                                        "consulting",
                                        "studio",
                                        "works",
                                        NULL};
/* Makers whose name alone is the author of many files. */
static const char *const brands[] = {
    "mitsubishi", "hitachi", "toshiba", "fujitsu",   "panasonic", "sony",   "canon",
    "ricoh",      "sharp",   "nec",     "kyocera",   "epson",     "konica", "minolta",
    "fujifilm",   "xerox",   "mitsui",  "sumitomo",  "marubeni",  "itochu", "toyota",
    "nissan",     "denso",   "google",  "apple",     "amazon",    "ibm",    "oracle",
    "cisco",      "intel",   "samsung", "agilebits", "mimacom",   NULL};
static const char *const ja_org[] = {
    "株式会社", "有限会社", "合同会社", "合資会社", "法人",       "研究所", "研究院", "大学",
    "協会",     "機構",     "センター", "委員会",   "組合",       "会議所", "事務所", "総研",
    "銀行",     "グループ", "(株)",     "（株）",   "㈱",         "財団",   "公社",   "事業団",
    "システム", "ソフト",   "電機",     "商事",     "工業",       "製作所", "事業部", "本部",
    "支社",     "支店",     "研究室",   "しすてむ", "システムズ", NULL};
/* A value ending in one of these is a government or company unit (経済産業省, 総務課). */
static const char *const ja_unit_suffix[] = {"省", "庁", "局", "課", "部", "室", "係", "班",
                                             "府", "県", "市", "町", "村", "社", NULL};

static bool in_words(const char *tok, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(tok, list[i])) return true;
    return false;
}

/* FastReport, AgileBits, PowerPoint: a capital inside a word. McDonald, DeVito,
 * MacArthur are names. */
static bool camel(const char *tok)
{
    static const char *const prefixes[] = {"Mc", "Mac", "De",  "Di",  "Da", "La",
                                           "Le", "Du",  "Van", "Von", "O'", NULL};
    size_t n = strlen(tok);
    if (n < 5 || !g_ascii_isupper(tok[0])) return false;
    for (size_t i = 1; i + 1 < n; i++)
        if (g_ascii_islower(tok[i]) && g_ascii_isupper(tok[i + 1])) {
            for (int k = 0; prefixes[k]; k++)
                if (strlen(prefixes[k]) == i + 1 && !strncmp(tok, prefixes[k], i + 1)) return false;
            return true;
        }
    return false;
}

static bool version_like(const char *tok)
{
    /* 11.1.0.12358, v2.3, 5.2: digits with dots. */
    const char *p = tok;
    if (*p == 'v' || *p == 'V') p++;
    bool digit = false, dot = false;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p))
            digit = true;
        else if (*p == '.')
            dot = true;
        else
            return false;
    }
    return digit && dot;
}

/* ACD, STSP, METI, SE:W:CAR:MP: capitals only, each part at most five letters. */
static bool acronym(const char *v)
{
    int run = 0, letters = 0;
    for (const char *p = v; *p; p++) {
        if (g_ascii_isupper(*p)) {
            letters++;
            if (++run > 5) return false;
        } else if (strchr(":-&./0123456789", *p)) {
            run = 0;
        } else {
            return false;
        }
    }
    return letters >= 2;
}

/* 0x0101005BC1…, {2B0EC025-287A-…}, e17fade1-4cef-…: identifiers. */
static bool identifier(const char *v)
{
    int hex = 0, digits = 0;
    for (const char *p = v; *p; p++) {
        if (g_ascii_isxdigit(*p)) hex++;
        if (g_ascii_isdigit(*p)) digits++;
        if (!g_ascii_isxdigit(*p) && !strchr("{}-x", *p)) return false;
    }
    return hex >= 12 && digits > 0;
}

static pii_author_kind latin(const char *v)
{
    if (!g_ascii_strcasecmp(v, "true") || !g_ascii_strcasecmp(v, "false")) return PII_AUTHOR_NONE;
    if (identifier(v)) return PII_AUTHOR_PROGRAM;
    if (acronym(v)) return PII_AUTHOR_ORGANISATION;
    bool any_letter = false;
    for (const char *p = v; *p; p++)
        if (g_ascii_isalpha(*p) || ((unsigned char)*p & 0x80)) any_letter = true;
    if (!any_letter) return PII_AUTHOR_PROGRAM; /* 2052-11.1.0.12358: a KSO build */
    if (strstr(v, ".NET") || strstr(v, ".dll") || strstr(v, "&")) {
        return strstr(v, "&") ? PII_AUTHOR_ORGANISATION : PII_AUTHOR_PROGRAM;
    }
    pii_author_kind kind = PII_AUTHOR_PERSON;
    char **toks = g_regex_split_simple("[^A-Za-z0-9.\\-]+", v, 0, 0);
    for (char **t = toks; *t && kind == PII_AUTHOR_PERSON; t++) {
        if (!**t) continue;
        char *bare = g_strdup(*t);
        size_t n = strlen(bare);
        while (n > 0 && bare[n - 1] == '.')
            bare[--n] = '\0';
        char *low = g_ascii_strdown(bare, -1);
        if (version_like(bare) || in_words(low, program_words))
            kind = PII_AUTHOR_PROGRAM;
        else if (in_words(low, org_words) || in_words(low, brands) || camel(bare))
            kind = PII_AUTHOR_ORGANISATION;
        g_free(low);
        g_free(bare);
    }
    g_strfreev(toks);
    return kind;
}

static bool is_dictionary_name(const char *v)
{
    /* 長谷部, 阿部 太郎: a surname (and a given name) from the name dictionary. */
    char *s = g_strdup(v);
    char *sp = strpbrk(s, " 　");
    bool ok;
    if (sp) {
        size_t sl = (size_t)(sp - s);
        const char *g = sp + (*sp == ' ' ? 1 : 3);
        ok = pii_is_surname(s, sl) && (!*g || pii_is_given_name(g, strlen(g)));
    } else {
        ok = pii_is_surname(s, strlen(s));
        for (size_t i = 3; !ok && i < strlen(s); i += 3)
            ok = pii_is_surname(s, i) && pii_is_given_name(s + i, strlen(s) - i);
    }
    g_free(s);
    return ok;
}

static pii_author_kind japanese(const char *v)
{
    for (int i = 0; ja_org[i]; i++)
        if (strstr(v, ja_org[i])) return PII_AUTHOR_ORGANISATION;
    if (is_dictionary_name(v)) return PII_AUTHOR_PERSON;
    for (int i = 0; ja_unit_suffix[i]; i++)
        if (g_str_has_suffix(v, ja_unit_suffix[i]) && g_utf8_strlen(v, -1) >= 3)
            return PII_AUTHOR_ORGANISATION;
    return PII_AUTHOR_PERSON;
}

pii_author_kind pii_author_kind_of(const char *value, const char *organisation)
{
    if (!value) return PII_AUTHOR_NONE;
    char *v = g_strstrip(g_strdup(value));
    pii_author_kind k;
    if (g_utf8_strlen(v, -1) < 2)
        k = PII_AUTHOR_NONE;
    else if (organisation && *organisation && strstr(v, organisation))
        k = PII_AUTHOR_ORGANISATION;
    else {
        bool ascii = true;
        for (const char *p = v; *p; p++)
            if ((unsigned char)*p >= 0x80) ascii = false;
        /* Latin words decide first (Microsoft Office ユーザー, 富士通 Ltd). */
        k = latin(v);
        if (!ascii && k == PII_AUTHOR_PERSON) k = japanese(v);
    }
    g_free(v);
    return k;
}

/* "Tim van der Meij", "Taro Yamada": two to four words, capitalised but for
 * particles. */
static bool latin_name_shape(const char *v)
{
    char **w = g_strsplit(v, " ", -1);
    int n = 0, caps = 0;
    bool ok = true;
    for (char **t = w; *t && ok; t++) {
        if (!**t) continue;
        n++;
        for (const char *p = *t; *p && ok; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            ok = g_unichar_isalpha(c) || c == '-' || c == '\'' || c == '.';
        }
        if (g_unichar_isupper(g_utf8_get_char(*t))) caps++;
    }
    g_strfreev(w);
    return ok && n >= 2 && n <= 4 && caps >= 2;
}

bool pii_custom_property_names_person(const char *key, const char *value, const char *organisation)
{
    if (pii_author_kind_of(value, organisation) != PII_AUTHOR_PERSON) return false;
    static const char *const person_keys[] = {
        "author", "owner", "manager", "editor",     "creator",   "reviewer", "approver", "person",
        "name",   "user",  "contact", "modifiedby", "checkedby", "by",       "担当",     "作成",
        "氏名",   "確認",  "承認",    "記入",       "責任者",    "名前",     "入力者",   NULL};
    char *k = g_ascii_strdown(key, -1);
    bool person_key = false;
    for (int i = 0; person_keys[i] && !person_key; i++)
        person_key = strstr(k, person_keys[i]) != NULL;
    g_free(k);
    if (person_key) return true;
    char *v = g_strstrip(g_strdup(value));
    bool shape = latin_name_shape(v) || is_dictionary_name(v);
    g_free(v);
    return shape;
}
