/* PDF-HIDDEN-LAYER: optional content groups (layers). A layer that is off by
 * default is content present in the file but not shown: an error, which clean
 * fixes by deleting that content (src/clean/pdf_layers.cc). Layers that are all
 * on are listed as info, since a reader can still switch them off. */
#include "readers/qpdf_reader.h"

static const nohin_rule rules[] = {
    {"PDF-HIDDEN-LAYER", NOHIN_SEV_ERROR, true, /* clean deletes an off layer's content */
     N_("Optional content (layers), especially layers that are off by default"), "001 §5(2)"},
    {NULL}};

static char *layer_name(nohin_qpdf *qp, qpdf_oh ocg)
{
    char *n = nohin_qpdf_key_text(qp, ocg, "/Name", 512);
    return n ? n : g_strdup("?");
}

static bool in_array(nohin_qpdf *qp, qpdf_oh arr, int id)
{
    qpdf_data q = qp->q;
    int n = qpdf_oh_is_array(q, arr) ? qpdf_oh_get_array_n_items(q, arr) : 0;
    for (int i = 0; i < n && i < 100000; i++)
        if (nohin_qpdf_objid(qp, qpdf_oh_get_array_item(q, arr, i)) == id) return true;
    return false;
}

/* The first page whose resources name the layer (where its content shows). */
static int page_using(nohin_qpdf *qp, int ocg_id)
{
    qpdf_data q = qp->q;
    for (int p = 0; p < qp->n_pages && p < 5000; p++) {
        qpdf_oh props = nohin_qpdf_get(
            qp, nohin_qpdf_get(qp, qpdf_get_page_n(q, (size_t)p), "/Resources"), "/Properties");
        if (!qpdf_oh_is_dictionary(q, props)) continue;
        GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
        qpdf_oh_begin_dict_key_iter(q, props);
        while (qpdf_oh_dict_more_keys(q))
            g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
        bool hit = false;
        for (guint i = 0; i < keys->len && !hit; i++) {
            qpdf_oh v = qpdf_oh_get_key(q, props, keys->pdata[i]);
            hit = nohin_qpdf_objid(qp, v) == ocg_id ||
                  in_array(qp, nohin_qpdf_get(qp, v, "/OCGs"), ocg_id); /* an OCMD */
        }
        g_ptr_array_free(keys, TRUE);
        if (hit) return p + 1;
    }
    return 0;
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_qpdf *qp = nohin_qpdf_of(file);
    if (!qp->q) return;
    qpdf_data q = qp->q;
    qpdf_oh ocp = nohin_qpdf_get(qp, qpdf_get_root(q), "/OCProperties");
    if (!qpdf_oh_is_dictionary(q, ocp)) return;
    qpdf_oh ocgs = nohin_qpdf_get(qp, ocp, "/OCGs");
    qpdf_oh d = nohin_qpdf_get(qp, ocp, "/D");
    qpdf_oh off = nohin_qpdf_get(qp, d, "/OFF"), on = nohin_qpdf_get(qp, d, "/ON");
    char *base = nohin_qpdf_name(qp, d, "/BaseState");
    bool base_off = !strcmp(base, "/OFF");
    g_free(base);
    int n = qpdf_oh_is_array(q, ocgs) ? qpdf_oh_get_array_n_items(q, ocgs) : 0;
    int n_off = 0;
    GString *names = g_string_new(NULL);
    for (int i = 0; i < n && i < 10000; i++) {
        qpdf_oh g = qpdf_oh_get_array_item(q, ocgs, i);
        int id = nohin_qpdf_objid(qp, g);
        char *name = layer_name(qp, g);
        if (names->len < 200) g_string_append_printf(names, "%s%s", names->len ? ", " : "", name);
        bool is_off = in_array(qp, off, id) || (base_off && !in_array(qp, on, id));
        if (is_off) {
            n_off++;
            int page = page_using(qp, id);
            nohin_finding *f = nohin_emit(
                ctx, file, "PDF-HIDDEN-LAYER",
                page > 0 ? nohin_loc_page(page) : nohin_loc_part("layer", name, 0),
                _("Switch the layer on and flatten the layers (Acrobat: Layers > Flatten), or "
                  "delete "
                  "the layer's content if it must not be published."),
                _("Layer “%s” is off by default: its content is in the file but not shown."), name);
            /* the name, not the object number: a re-export renumbers objects, and
             * the evidence is part of a baseline's fingerprint */
            nohin_finding_set_evidence(f, "layer=%s", name);
            if (f)
                nohin_finding_set_severity(ctx, f,
                                           nohin_by_role(file, NOHIN_SEV_ERROR, NOHIN_SEV_INFO));
        }
        g_free(name);
    }
    if (n > 0 && n_off == 0) {
        nohin_finding *f =
            nohin_emit(ctx, file, "PDF-HIDDEN-LAYER", nohin_loc_part("layer", NULL, 0),
                       _("Flatten the layers if readers do not need to switch them."),
                       _("The PDF has %d layers (all shown by default)."), n);
        nohin_finding_set_evidence(f, "layers=%s", names->str);
        if (f) {
            nohin_finding_set_severity(ctx, f, NOHIN_SEV_INFO);
            f->fixable = false; /* layers that are shown stay */
        }
    }
    g_string_free(names, TRUE);
    nohin_qpdf_drain_warnings(qp);
}

NOHIN_CHECK(pdf_layers) = {.name = "pdf_layers",
                           .rules = rules,
                           .formats = NOHIN_FMT_PDF,
                           .roles = NOHIN_ROLE_ANY,
                           .run_file = run};
