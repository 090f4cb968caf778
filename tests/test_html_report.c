/* The HTML report's page pictures, read back pixel by pixel: regions outlined,
 * personal data blanked in every picture of its page (never a readable crop),
 * pages with personal data at an unknown place blurred; text escaped. */
#include <cairo.h>
#include <string.h>
#include "fx_pdf.h"
#include "reporters/html_thumb.h"
#include "reporters/reporter.h"
#include "test_support.h"

static const char *lines = "氏名 山田太郎 電話 090-1234-5678\n"
                           "本調査は産業構造の変化を把握することを目的とする。\n"
                           "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII\n"
                           "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM";

static nohin_finding *finding(const char *rule, int page, const nohin_box *box, const char *msg)
{
    nohin_finding *f = g_new0(nohin_finding, 1);
    f->rule = g_strdup(rule);
    f->severity = NOHIN_SEV_ERROR;
    f->file = g_strdup("公表用/report.pdf");
    f->loc = box ? nohin_loc_page_box(page, *box) : nohin_loc_page(page);
    f->message = g_strdup(msg);
    f->fix = g_strdup("Fix <it> & \"quote\"");
    f->evidence = g_strdup("0*0-****-**78");
    return f;
}

static gint cmp_finding(gconstpointer a, gconstpointer b)
{
    return nohin_finding_compare(*(nohin_finding *const *)a, *(nohin_finding *const *)b);
}

typedef struct {
    char *dir;
    char *html;
} fixture;

/* PDF text starts at (60, 72) in points, 10.5 pt, 16 pt between lines. */
static const nohin_box pii_box = {58, 60, 330, 77};     /* line 1: name and phone */
static const nohin_box hidden_box = {58, 92, 400, 109}; /* line 3 */

static char *render_report(fixture *fx)
{
    fx->dir = ts_tmpdir();
    char *pub = ts_path(fx->dir, "公表用");
    g_mkdir_with_parents(pub, 0755);
    char *pdf = ts_path(pub, "report.pdf");
    fx_page pages[] = {{FX_PAGE_TEXT, lines, NULL}, {FX_PAGE_TEXT, lines, NULL}};
    assert_true(fx_pdf_write(pdf, pages, 2, NULL));
    nohin_report *r = g_new0(nohin_report, 1);
    r->files = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_file_free);
    r->findings = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
    nohin_file *f = g_new0(nohin_file, 1);
    f->path = g_strdup("公表用/report.pdf");
    f->abspath = g_strdup(pdf);
    f->format = NOHIN_FMT_PDF;
    f->role = NOHIN_ROLE_PUBLIC;
    g_ptr_array_add(r->files, f);
    g_ptr_array_add(r->findings, finding("PII-PHONE", 1, &pii_box, "phone 0*0-****-**78"));
    g_ptr_array_add(r->findings,
                    finding("PDF-HIDDEN-TEXT", 1, &hidden_box, "hidden <script>alert(1)</script>"));
    g_ptr_array_add(r->findings, finding("PII-EMAIL", 2, NULL, "mail t***@example.jp"));
    g_ptr_array_add(r->findings, finding("PDF-TEXT-LAYER", 2, NULL, "whole page"));
    g_ptr_array_sort(r->findings, cmp_finding);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    nohin_report_write_html(r, mem);
    fclose(mem);
    nohin_report_free(r);
    g_free(pdf);
    g_free(pub);
    return buf;
}

typedef struct {
    const unsigned char *p;
    size_t left;
} png_reader;

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len)
{
    png_reader *r = closure;
    if (len > r->left) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p, len);
    r->p += len;
    r->left -= len;
    return CAIRO_STATUS_SUCCESS;
}

/* The picture of the finding of rule, decoded from its data: URI. */
static cairo_surface_t *picture_of(const char *html, const char *rule)
{
    char *attr = g_strdup_printf("data-rule=\"%s\"", rule);
    const char *art = strstr(html, attr);
    g_free(attr);
    assert_non_null(art);
    const char *end = strstr(art, "</article>");
    const char *src = strstr(art, "src=\"data:image/png;base64,");
    assert_non_null(src);
    assert_true(src < end);
    src += strlen("src=\"data:image/png;base64,");
    char *b64 = g_strndup(src, (gsize)(strchr(src, '"') - src));
    gsize n = 0;
    guchar *png = g_base64_decode(b64, &n);
    png_reader rd = {png, n};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &rd);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    g_free(png);
    g_free(b64);
    return s;
}

static void px(cairo_surface_t *s, int x, int y, int *r, int *g, int *b)
{
    cairo_surface_flush(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t v = *(const uint32_t *)(d + y * stride + x * 4);
    *r = (v >> 16) & 0xff;
    *g = (v >> 8) & 0xff;
    *b = v & 0xff;
}

static double scale_of(cairo_surface_t *s)
{
    return cairo_image_surface_get_width(s) / 595.0; /* fixtures are A4 */
}

/* Every pixel strictly inside box (inset past the 3 px outline) is the mask grey. */
static void assert_blank(cairo_surface_t *s, const nohin_box *b)
{
    double k = scale_of(s);
    for (int y = (int)(b->y0 * k) + 3; y < (int)(b->y1 * k) - 2; y++)
        for (int x = (int)(b->x0 * k) + 3; x < (int)(b->x1 * k) - 2; x++) {
            int r, g, bl;
            px(s, x, y, &r, &g, &bl);
            if (!(r == g && g == bl && r > 130 && r < 150))
                fail_msg("pixel (%d,%d) in a personal-data box is %d,%d,%d", x, y, r, g, bl);
        }
}

static bool is_red(cairo_surface_t *s, int x, int y)
{
    int r, g, b;
    px(s, x, y, &r, &g, &b);
    return r > 180 && g < 80 && b < 80;
}

/* Dark pixels (text) in a rectangle of the picture, in points. */
static int dark_pixels(cairo_surface_t *s, double x0, double y0, double x1, double y1)
{
    double k = scale_of(s);
    int n = 0;
    for (int y = (int)(y0 * k); y < (int)(y1 * k); y++)
        for (int x = (int)(x0 * k); x < (int)(x1 * k); x++) {
            int r, g, b;
            px(s, x, y, &r, &g, &b);
            if (r < 130 && g < 130 && b < 130) n++; /* text: darker than the mask grey, not red */
        }
    return n;
}

/* Pixels that are neither paper, the mask grey nor the red outline. */
static int ink_pixels(cairo_surface_t *s, double x0, double y0, double x1, double y1)
{
    double k = scale_of(s);
    int n = 0;
    for (int y = (int)(y0 * k); y < (int)(y1 * k); y++)
        for (int x = (int)(x0 * k); x < (int)(x1 * k); x++) {
            int r, g, b;
            px(s, x, y, &r, &g, &b);
            bool mask = r == g && g == b && r > 130 && r < 150;
            if (!mask && !is_red(s, x, y) && r < 235) n++;
        }
    return n;
}

static void pictures_mask_and_outline(void **state)
{
    (void)state;
    fixture fx = {0};
    char *html = render_report(&fx);
    /* The personal-data finding: box blanked, outlined in red. */
    cairo_surface_t *pii = picture_of(html, "PII-PHONE");
    assert_int_equal(cairo_image_surface_get_width(pii), NOHIN_THUMB_WIDTH);
    assert_blank(pii, &pii_box);
    double k = scale_of(pii);
    /* The outline runs 2.5 px outside the box, 3 px wide. */
    assert_true(is_red(pii, (int)(pii_box.x0 * k - 2.5), (int)((pii_box.y0 + pii_box.y1) / 2 * k)));
    /* The lines under it are not blanked: the page still shows. */
    assert_true(dark_pixels(pii, 60, 80, 400, 130) > 50);
    /* Another finding on the same page: its own region outlined, the personal
     * data still blanked in its picture too. */
    cairo_surface_t *hid = picture_of(html, "PDF-HIDDEN-TEXT");
    assert_blank(hid, &pii_box);
    assert_true(is_red(hid, (int)(hidden_box.x1 * k + 2.5),
                       (int)((hidden_box.y0 + hidden_box.y1) / 2 * k)));
    assert_false(
        is_red(hid, (int)(pii_box.x0 * k - 2.5), (int)((pii_box.y0 + pii_box.y1) / 2 * k)));
    /* Page 2 holds personal data at an unknown place: every picture of it is
     * blurred (no dark text strokes survive), and the whole page is framed. */
    cairo_surface_t *blur = picture_of(html, "PDF-TEXT-LAYER");
    assert_int_equal(dark_pixels(blur, 0, 0, 595, 842), 0);
    /* Unblurred page 1 has dark strokes where the blurred page 2 has none. */
    assert_true(dark_pixels(pii, 60, 80, 400, 130) > 50);
    /* Inside the outlined (non-personal) region the text is still drawn. */
    assert_true(ink_pixels(hid, hidden_box.x0 + 2, hidden_box.y0 + 2, hidden_box.x1 - 2,
                           hidden_box.y1 - 2) > 30);
    int h = cairo_image_surface_get_height(blur);
    assert_true(is_red(blur, 1, h / 2));
    assert_true(is_red(blur, NOHIN_THUMB_WIDTH - 2, h / 2));
    cairo_surface_destroy(picture_of(html, "PII-EMAIL"));
    assert_non_null(strstr(html, "Blurred: this page holds personal data."));
    cairo_surface_destroy(pii);
    cairo_surface_destroy(hid);
    cairo_surface_destroy(blur);
    free(html);
    ts_rmtree(fx.dir);
    g_free(fx.dir);
}

static void everything_escaped(void **state)
{
    (void)state;
    fixture fx = {0};
    char *html = render_report(&fx);
    assert_null(strstr(html, "<script>alert"));
    assert_non_null(strstr(html, "hidden &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(html, "Fix &lt;it&gt; &amp; &quot;quote&quot;"));
    assert_null(strstr(html, "http://"));
    assert_null(strstr(html, "https://"));
    /* Exactly one script element: ours. */
    const char *first = strstr(html, "<script>");
    assert_non_null(first);
    assert_null(strstr(first + 1, "<script>"));
    free(html);
    ts_rmtree(fx.dir);
    g_free(fx.dir);
}

/* A page that does not exist or a file that is not there: a note, no crash. */
static void missing_page_is_a_note(void **state)
{
    (void)state;
    nohin_report *r = g_new0(nohin_report, 1);
    r->files = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_file_free);
    r->findings = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
    nohin_file *f = g_new0(nohin_file, 1);
    f->path = g_strdup("公表用/report.pdf");
    f->abspath = g_strdup("/nonexistent/report.pdf");
    f->format = NOHIN_FMT_PDF;
    g_ptr_array_add(r->files, f);
    g_ptr_array_add(r->findings, finding("PDF-TEXT-LAYER", 99, NULL, "gone"));
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    nohin_report_write_html(r, mem);
    fclose(mem);
    assert_non_null(strstr(buf, "(the page could not be drawn)"));
    assert_null(strstr(buf, "data:image/png"));
    free(buf);
    nohin_report_free(r);
}

int main(void)
{
    ts_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pictures_mask_and_outline),
        cmocka_unit_test(everything_escaped),
        cmocka_unit_test(missing_page_is_a_note),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
