// Hidden layers out of a PDF (PDF-HIDDEN-LAYER): the content of every optional
// content group that is off by default is deleted, as Acrobat's "Remove Hidden
// Information" does, and the layers left (all shown) are flattened. C++ because qpdf's content
// tokenizer (TokenFilter, which knows strings, inline images and comments) has no C API; the file
// goes in and out through qpdf's own reader and writer.
#define POINTERHOLDER_TRANSITION 4 /* qpdf 11: std::shared_ptr only, no PointerHolder */
#include "clean/pdf_layers.h"
#include <glib.h>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <exception>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace
{

typedef std::set<QPDFObjGen> og_set;

bool contains(QPDFObjectHandle arr, QPDFObjGen og)
{
    if (!arr.isArray()) return false;
    for (auto &item : arr.aitems())
        if (item.isIndirect() && item.getObjGen() == og) return true;
    return false;
}

// The groups a viewer hides when the file opens: in /D /OFF, or not in /D /ON
// under /BaseState /OFF (what lint's PDF-HIDDEN-LAYER reports).
og_set hidden_groups(QPDFObjectHandle ocp)
{
    og_set off;
    QPDFObjectHandle ocgs = ocp.getKey("/OCGs"), d = ocp.getKey("/D");
    if (!ocgs.isArray() || !d.isDictionary()) return off;
    bool base_off = d.getKey("/BaseState").isNameAndEquals("/OFF");
    for (auto &g : ocgs.aitems()) {
        if (!g.isIndirect()) continue;
        if (contains(d.getKey("/OFF"), g.getObjGen()) ||
            (base_off && !contains(d.getKey("/ON"), g.getObjGen())))
            off.insert(g.getObjGen());
    }
    return off;
}

// A group, or a membership dictionary whose visibility policy leaves it hidden
// when its groups are (AnyOn, the default: all off; AllOn: any off).
bool is_hidden(QPDFObjectHandle oc, const og_set &off)
{
    if (oc.isIndirect() && off.count(oc.getObjGen())) return true;
    if (!oc.isDictionary() || !oc.getKey("/Type").isNameAndEquals("/OCMD")) return false;
    QPDFObjectHandle ocgs = oc.getKey("/OCGs");
    std::vector<QPDFObjectHandle> groups;
    if (ocgs.isArray())
        groups = ocgs.getArrayAsVector();
    else if (ocgs.isDictionary())
        groups.push_back(ocgs);
    if (groups.empty() || oc.hasKey("/VE")) return false; /* expressions: left to a person */
    QPDFObjectHandle p = oc.getKey("/P");
    size_t n_off = 0;
    for (auto &g : groups)
        if (g.isIndirect() && off.count(g.getObjGen())) n_off++;
    if (p.isNameAndEquals("/AllOn")) return n_off > 0;
    if (p.isNull() || p.isNameAndEquals("/AnyOn")) return n_off == groups.size();
    return false;
}

// Drops every marked-content sequence `/OC /Name BDC … EMC` whose /Name is a
// hidden layer in the resources' /Properties, nested sequences with it.
class DropHidden : public QPDFObjectHandle::TokenFilter
{
  public:
    DropHidden(std::set<std::string> names) : names_(std::move(names)) {}
    void handleToken(QPDFTokenizer::Token const &t) override
    {
        bool word = t.getType() == QPDFTokenizer::tt_word;
        if (depth_ > 0) {
            if (word && (t.getValue() == "BDC" || t.getValue() == "BMC")) depth_++;
            if (word && t.getValue() == "EMC") depth_--;
            return;
        }
        pending_.push_back(t);
        if (!word && t.getType() != QPDFTokenizer::tt_eof) return;
        if (word && t.getValue() == "BDC" && hides()) {
            depth_ = 1;
            dropped++;
            pending_.clear();
            return;
        }
        flush();
    }
    void handleEOF() override { flush(); }
    int dropped = 0;

  private:
    bool hides() const
    {
        std::vector<const QPDFTokenizer::Token *> ops;
        for (auto &t : pending_)
            if (t.getType() != QPDFTokenizer::tt_space && t.getType() != QPDFTokenizer::tt_comment)
                ops.push_back(&t);
        size_t n = ops.size();
        return n >= 3 && ops[n - 3]->getType() == QPDFTokenizer::tt_name &&
               ops[n - 3]->getValue() == "/OC" && ops[n - 2]->getType() == QPDFTokenizer::tt_name &&
               names_.count(ops[n - 2]->getValue());
    }
    void flush()
    {
        for (auto &t : pending_)
            writeToken(t);
        pending_.clear();
    }
    std::set<std::string> names_;
    std::vector<QPDFTokenizer::Token> pending_;
    int depth_ = 0;
};

// The /Properties names in resources that stand for a hidden layer.
std::set<std::string> hidden_names(QPDFObjectHandle resources, const og_set &off)
{
    std::set<std::string> names;
    QPDFObjectHandle props =
        resources.isDictionary() ? resources.getKey("/Properties") : QPDFObjectHandle::newNull();
    if (!props.isDictionary()) return names;
    for (auto &kv : props.ditems())
        if (is_hidden(kv.second, off)) names.insert(kv.first);
    return names;
}

// Rewrites a page's or form XObject's content without the hidden sections;
// the number of sections dropped.
int filter(QPDFPageObjectHelper holder, QPDFObjectHandle resources, const og_set &off, QPDF &pdf,
           bool is_page)
{
    std::set<std::string> names = hidden_names(resources, off);
    if (names.empty()) return 0;
    DropHidden f(names);
    Pl_Buffer buf("nohin hidden layers");
    holder.filterContents(&f, &buf);
    QPDFObjectHandle props = resources.getKey("/Properties");
    for (auto &n : names) /* nothing refers to them now */
        props.removeKey(n);
    if (!f.dropped) return 0;
    std::unique_ptr<Buffer> b(buf.getBuffer());
    std::string data(reinterpret_cast<const char *>(b->getBuffer()), b->getSize());
    if (is_page)
        holder.getObjectHandle().replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, data));
    else
        holder.getObjectHandle().replaceStreamData(data, QPDFObjectHandle::newNull(),
                                                   QPDFObjectHandle::newNull());
    return f.dropped;
}

} // namespace

extern "C" int nohin_pdf_drop_hidden_layers(const char *in, const char *out, char **names,
                                            char **what)
{
    *what = nullptr;
    *names = nullptr;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processFile(in);
        QPDFObjectHandle root = pdf.getRoot(), ocp = root.getKey("/OCProperties");
        if (!ocp.isDictionary()) return 0;
        og_set off = hidden_groups(ocp);
        if (off.empty()) return 0;
        std::string list;
        for (auto &g : ocp.getKey("/OCGs").aitems()) {
            if (!(g.isIndirect() && off.count(g.getObjGen())) || list.size() > 200) continue;
            QPDFObjectHandle n = g.getKey("/Name");
            list += (list.empty() ? "" : ", ") + (n.isString() ? n.getUTF8Value() : "?");
        }
        int dropped = 0;
        std::set<QPDFObjGen> seen;
        for (auto &page : QPDFPageDocumentHelper(pdf).getAllPages()) {
            QPDFObjectHandle res = page.getAttribute("/Resources", false);
            dropped += filter(page, res, off, pdf, true);
            page.forEachFormXObject(
                true, [&](QPDFObjectHandle &xo, QPDFObjectHandle &, std::string const &) {
                    if (!xo.isIndirect() || !seen.insert(xo.getObjGen()).second) return;
                    QPDFObjectHandle dict = xo.getDict();
                    if (is_hidden(dict.getKey("/OC"), off)) { /* the whole form is in the layer */
                        xo.replaceStreamData("", QPDFObjectHandle::newNull(),
                                             QPDFObjectHandle::newNull());
                        dict.removeKey("/OC");
                        dropped++;
                        return;
                    }
                    QPDFObjectHandle xres = dict.getKey("/Resources");
                    dropped += filter(QPDFPageObjectHelper(xo), xres.isDictionary() ? xres : res,
                                      off, pdf, false);
                });
            QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
            if (annots.isArray()) {
                QPDFObjectHandle kept = QPDFObjectHandle::newArray();
                for (auto &a : annots.aitems()) {
                    if (a.isDictionary() && is_hidden(a.getKey("/OC"), off))
                        dropped++;
                    else
                        kept.appendItem(a);
                }
                page.getObjectHandle().replaceKey("/Annots", kept);
            }
        }
        /* The layers left are all shown: they are flattened as Acrobat's "Remove
         * Hidden Information" does (without /OCProperties every layer is shown). */
        root.removeKey("/OCProperties");
        QPDFWriter w(pdf, out);
        w.setDeterministicID(true);
        w.setPreserveEncryption(false);
        w.write();
        *names = g_strdup(list.c_str());
        return dropped + 1;
    } catch (std::exception &e) {
        *what = g_strdup(e.what());
    } catch (...) {
        *what = g_strdup("unknown qpdf error");
    }
    return -1;
}
