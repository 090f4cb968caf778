/* One message: metadata, then every attachment decoded into the private folder.
 * Attachment names are only ever shown, never used as paths. */
#include <string.h>
#include <unistd.h>
#include "intake.h"

static const char *const tnef_types[] = {"ms-tnef", "vnd.ms-tnef", NULL};

/* A name as shown: valid UTF-8, no folder separators or control characters,
 * at most 200 bytes. */
static char *clean_name(const char *raw, const char *fallback)
{
    if (!raw || !*raw) return g_strdup(fallback);
    char *s = g_utf8_make_valid(raw, -1);
    for (char *p = s; *p; p++)
        if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f) *p = '_';
    g_strstrip(s);
    if (strlen(s) > 200) *g_utf8_find_prev_char(s, s + 200) = '\0';
    if (!*s || !strcmp(s, ".") || !strcmp(s, "..")) {
        g_free(s);
        return g_strdup(fallback);
    }
    return s;
}

/* The value of param in a structured header, as written (quoted string or token),
 * or NULL. */
static char *raw_param(GMimeObject *obj, const char *header, const char *param)
{
    GMimeHeaderList *hl = g_mime_object_get_header_list(obj);
    GMimeHeader *h = hl ? g_mime_header_list_get_header(hl, header) : NULL;
    const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
    if (!raw) return NULL;
    size_t plen = strlen(param);
    for (const char *p = raw; (p = strchr(p, ';')); p++) {
        const char *q = p + 1;
        while (g_ascii_isspace(*q))
            q++;
        if (g_ascii_strncasecmp(q, param, plen)) continue;
        q += plen;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q != '=') continue;
        q++;
        while (g_ascii_isspace(*q))
            q++;
        GString *v = g_string_new(NULL);
        if (*q == '"') {
            for (q++; *q && *q != '"'; q++) {
                if (*q == '\\' && q[1]) q++;
                g_string_append_c(v, *q);
            }
        } else {
            while (*q && *q != ';' && !g_ascii_isspace(*q))
                g_string_append_c(v, *q++);
        }
        return g_string_free(v, FALSE);
    }
    return NULL;
}

/* A file name given as RFC 2047 words inside the parameter (Outlook, Becky!, …):
 * decoded whole like the subject; GMime keeps only part of a name split over
 * several words. NULL when the name is not written that way. */
static char *rfc2047_name(GMimeObject *obj)
{
    static const char *const where[][2] = {{"Content-Disposition", "filename"},
                                           {"Content-Type", "name"}};
    for (size_t i = 0; i < G_N_ELEMENTS(where); i++) {
        char *v = raw_param(obj, where[i][0], where[i][1]);
        if (v && strstr(v, "=?") && strstr(v, "?=")) {
            char *d = nohin_mail_decode_header(v);
            g_free(v);
            return d;
        }
        g_free(v);
    }
    return NULL;
}

static void unique_in_message(GHashTable *seen, char **name)
{
    for (int i = 2; g_hash_table_contains(seen, *name); i++) {
        char *n = g_strdup_printf("%s (%d)", *name, i);
        if (!g_hash_table_contains(seen, n) || i > 1000) {
            g_free(*name);
            *name = n;
            break;
        }
        g_free(n);
    }
    g_hash_table_add(seen, g_strdup(*name));
}

static void fill_metadata(nohin_intake *in, nohin_mail *m, GMimeMessage *msg)
{
    const char *id = g_mime_message_get_message_id(msg);
    char *base = id && *id ? clean_name(id, "no-message-id")
                           : g_strdup_printf("no-message-id-%u", in->n_messages);
    m->id = g_strdup(base);
    for (int i = 2; g_hash_table_contains(in->ids, m->id); i++) {
        g_free(m->id);
        m->id = g_strdup_printf("%s#%d", base, i);
    }
    g_hash_table_add(in->ids, g_strdup(m->id));
    g_free(base);
    GDateTime *dt = g_mime_message_get_date(msg);
    if (dt) {
        GDateTime *utc = g_date_time_to_utc(dt);
        m->date = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");
        g_date_time_unref(utc);
    }
    /* GMime stops at the first of several encoded words in some subjects
     * (base64 padding mid-header); the raw value is decoded here whole. */
    const char *subject = g_mime_message_get_subject(msg);
    GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
    GMimeHeader *h = hl ? g_mime_header_list_get_header(hl, "Subject") : NULL;
    const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
    char *decoded = raw && strstr(raw, "=?") ? nohin_mail_decode_header(raw)
                    : subject                ? g_utf8_make_valid(subject, -1)
                                             : NULL;
    if (decoded) g_strstrip(decoded);
    if (decoded && strlen(decoded) > 2000) /* a subject, not a document */
        *g_utf8_find_prev_char(decoded, decoded + 2000) = '\0';
    m->subject = nohin_intake_mask(decoded); /* shown in every output */
    m->subject_raw = decoded;                /* grouping and the reply only */
    if (id && *id) m->raw_id = g_utf8_make_valid(id, -1);
    InternetAddressList *from = g_mime_message_get_from(msg);
    for (int i = 0; from && i < internet_address_list_length(from); i++) {
        InternetAddress *a = internet_address_list_get_address(from, i);
        if (!INTERNET_ADDRESS_IS_MAILBOX(a)) continue;
        const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
        const char *at = addr ? strrchr(addr, '@') : NULL;
        if (addr && *addr) {
            char *v = g_utf8_make_valid(addr, -1);
            m->sender_addr = g_utf8_strdown(v, -1);
            g_free(v);
        }
        if (at && at[1]) {
            char *d = g_utf8_make_valid(at + 1, -1);
            m->sender_domain = g_utf8_strdown(d, -1);
            g_free(d);
        }
        break;
    }
    if (!m->sender_domain) m->sender_domain = g_strdup("");
    if (!m->sender_addr) m->sender_addr = g_strdup("");
}

typedef struct {
    nohin_intake *in;
    nohin_ctx *ctx;
    nohin_mail *m;
    GHashTable *seen; /* display names already used in this message */
    guint unnamed, forwarded, parts;
    bool depth_reported, count_reported;
} walk_state;

/* Decodes the part's content (base64, quoted-printable, …) into a new file. */
static bool decode_to(GMimePart *part, const char *path)
{
    int fd = nohin_intake_create(path);
    if (fd < 0) return false;
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        close(fd);
        return false;
    }
    /* A FILE stream: GMimeStreamFs would fsync every temporary file on flush. */
    GMimeStream *out = g_mime_stream_file_new(fp); /* owns fp */
    GMimeDataWrapper *w = g_mime_part_get_content(part);
    gint64 n = w ? g_mime_data_wrapper_write_to_stream(w, out) : 0;
    bool ok = n >= 0 && g_mime_stream_flush(out) == 0;
    g_object_unref(out);
    return ok;
}

static bool is_tnef(GMimeContentType *ct, const char *name)
{
    if (name && !g_ascii_strcasecmp(name, "winmail.dat")) return true;
    for (const char *const *t = tnef_types; *t; t++)
        if (g_mime_content_type_is_type(ct, "application", *t)) return true;
    return false;
}

static void handle_part(walk_state *w, GMimePart *part, const char *prefix)
{
    GMimeObject *obj = GMIME_OBJECT(part);
    GMimeContentType *ct = g_mime_object_get_content_type(obj);
    char *whole = rfc2047_name(obj);
    const char *fname = whole ? whole : g_mime_part_get_filename(part);
    const char *disp = g_mime_object_get_disposition(obj);
    bool attachment = fname || (disp && !g_ascii_strcasecmp(disp, "attachment")) ||
                      !g_mime_content_type_is_type(ct, "text", "*");
    if (!attachment) { /* the message body */
        g_free(whole);
        return;
    }
    if (++w->parts > NOHIN_MAIL_MAX_PARTS) {
        if (!w->count_reported)
            nohin_intake_emit(
                w->ctx, w->m, "", "MAIL-UNSCANNABLE",
                _("Split the submission over several messages."),
                _("The message has more than %d attachments; the rest was not checked."),
                NOHIN_MAIL_MAX_PARTS);
        w->count_reported = true;
        g_free(whole);
        return;
    }
    char *fallback = g_strdup_printf("part-%u", ++w->unnamed);
    char *name = clean_name(fname, fallback);
    g_free(fallback);
    unique_in_message(w->seen, &name);
    char *display = g_strconcat(prefix, name, NULL);
    char *raw = g_strdup_printf("%s/a%06u", w->in->mraw, ++w->in->counter);
    if (!decode_to(part, raw)) {
        nohin_attachment *a = nohin_attachment_new(display);
        g_free(a->status);
        a->status = g_strdup("unscannable");
        g_ptr_array_add(w->m->attachments, a);
        nohin_intake_emit(w->ctx, w->m, display, "MAIL-UNSCANNABLE",
                          _("Send the file again as an ordinary attachment."),
                          _("The attachment could not be decoded."));
    } else if (is_tnef(ct, name)) {
        nohin_attachment *a = nohin_attachment_new(display);
        nohin_intake_hash(raw, &a->bytes, a->sha256);
        g_free(a->type);
        a->type = g_strdup("tnef");
        g_free(a->status);
        a->status = g_strdup("unscannable");
        g_ptr_array_add(w->m->attachments, a);
        nohin_intake_emit(
            w->ctx, w->m, display, "MAIL-UNSCANNABLE",
            _("Send the files again as ordinary attachments (in Outlook: plain text or HTML "
              "format, "
              "not Rich Text)."),
            _("The attachment is an Outlook TNEF wrapper (winmail.dat); the files inside it were "
              "not checked."));
    } else {
        nohin_intake_place(w->in, w->ctx, w->m, raw, display);
    }
    unlink(raw); /* placed files were moved; the rest is not needed */
    g_free(raw);
    g_free(display);
    g_free(name);
    g_free(whole);
}

static void walk(walk_state *w, GMimeObject *obj, const char *prefix, int depth)
{
    if (!obj) return;
    if (depth > NOHIN_MAIL_MAX_MIME_DEPTH) {
        if (!w->depth_reported)
            nohin_intake_emit(w->ctx, w->m, "", "MAIL-UNSCANNABLE",
                              _("Send the files again as ordinary attachments of a plain message."),
                              _("The message nests parts deeper than %d levels; the deeper parts "
                                "were not checked."),
                              NOHIN_MAIL_MAX_MIME_DEPTH);
        w->depth_reported = true;
        return;
    }
    if (GMIME_IS_MESSAGE_PART(obj)) {
        /* A forwarded message: its attachments are shown below its own name. */
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        const char *fname = g_mime_object_get_content_disposition_parameter(obj, "filename");
        if (!fname) fname = g_mime_object_get_content_type_parameter(obj, "name");
        char *fallback = g_strdup_printf("forwarded-%u.eml", ++w->forwarded);
        char *name = clean_name(fname, fallback);
        unique_in_message(w->seen, &name);
        char *sub = g_strconcat(prefix, name, "/", NULL);
        if (inner) walk(w, g_mime_message_get_mime_part(inner), sub, depth + 1);
        g_free(sub);
        g_free(name);
        g_free(fallback);
    } else if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n; i++)
            walk(w, g_mime_multipart_get_part(mp, i), prefix, depth + 1);
    } else if (GMIME_IS_PART(obj)) {
        handle_part(w, GMIME_PART(obj), prefix);
    }
}

void nohin_mail_extract(nohin_intake *in, nohin_ctx *ctx, nohin_mail *m, GMimeMessage *msg)
{
    if (!msg) {
        m->id = g_strdup_printf("unparsed-message-%u", in->n_messages);
        g_hash_table_add(in->ids, g_strdup(m->id));
        m->sender_domain = g_strdup("");
        m->sender_addr = g_strdup("");
        nohin_intake_emit(ctx, m, "", "MAIL-UNSCANNABLE",
                          _("Send the submission again as an ordinary e-mail."),
                          _("The data is not an e-mail message that can be parsed; nothing in it "
                            "was checked."));
        return;
    }
    fill_metadata(in, m, msg);
    if (m->bytes > NOHIN_MAIL_MAX_BYTES)
        nohin_intake_emit(
            ctx, m, "", "MAIL-SIZE",
            _("Split the submission over several messages, each under 10 MB."),
            _("The message is %llu bytes, over the 10 MB (10,000,000 bytes) a single e-mail "
              "may carry."),
            (unsigned long long)m->bytes);
    walk_state w = {.in = in, .ctx = ctx, .m = m};
    w.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    walk(&w, g_mime_message_get_mime_part(msg), "", 0);
    g_hash_table_destroy(w.seen);
}
