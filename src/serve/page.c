/* The page: one HTML document with inline CSS and script, nothing fetched from
 * elsewhere (the CSP forbids it). Texts for both languages are in the page;
 * the server picks which one shows first. */
#include "serve/page.h"
#include <string.h>

static const char STYLE[] =
    "body{font-family:'IPAGothic','Noto Sans CJK JP',sans-serif;margin:0;background:#f5f6f8;"
    "color:#1d2330}"
    "header{background:#1f3a5f;color:#fff;padding:.8em 1.5em;display:flex;"
    "justify-content:space-between;align-items:center}"
    "header h1{font-size:1.2em;margin:0}header a{color:#cfe0ff}"
    "main{max-width:1100px;margin:1.5em auto;padding:0 1em}"
    "#drop{border:3px dashed #8aa0c0;border-radius:10px;background:#fff;padding:2em;"
    "text-align:center}#drop.over{background:#e8f0ff}"
    ".row{margin:.8em 0}button,.btn{font-size:1em;padding:.45em 1em;margin:.2em;border-radius:6px;"
    "border:1px solid #1f3a5f;background:#fff;color:#1f3a5f;cursor:pointer;text-decoration:none;"
    "display:inline-block}.btn.off{opacity:.4;pointer-events:none}"
    "#status{font-weight:bold}#counts span{display:inline-block;margin-right:1.2em;"
    "padding:.3em .8em;border-radius:5px;background:#fff}"
    ".err{color:#b00020}.warn{color:#8a5a00}.inf{color:#1f5fa0}"
    "iframe{width:100%;height:70vh;border:1px solid #ccc;background:#fff;margin-top:1em}"
    ".hidden{display:none}.vh{position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}";

/* Texts: [key, Japanese, English]. */
static const char *const TEXTS[][3] = {
    {"title", "nohin — 納品物チェッカー", "nohin — deliverable checker"},
    {"lead", "委託調査の納品物一式（zip・フォルダ・ファイル）をここにドロップしてください。",
     "Drop the deliverable bundle (a zip, a folder or files) here."},
    {"pick_zip", "zip を選ぶ", "Choose a zip"},
    {"pick_dir", "フォルダを選ぶ", "Choose a folder"},
    {"pick_files", "ファイルを選ぶ", "Choose files"},
    {"profile", "公表用/非公表フォルダの外にあるファイルの扱い：",
     "Files outside a 公表用/非公表 folder are:"},
    {"public", "公表用", "public"},
    {"internal", "非公表（内部）", "internal"},
    {"uploading", "アップロード中…", "Uploading…"},
    {"queued", "順番待ち…", "Waiting in the queue…"},
    {"checking", "チェック中…", "Checking…"},
    {"cleaning", "レポート完成。公表用一式を作成中…", "Report ready. Building the public bundle…"},
    {"done", "完了", "Done"},
    {"failed", "失敗しました", "Failed"},
    {"errors", "エラー", "errors"},
    {"warnings", "警告", "warnings"},
    {"infos", "情報", "info"},
    {"dl_json", "JSON", "JSON"},
    {"dl_sarif", "SARIF", "SARIF"},
    {"dl_fix", "修正リスト", "Fix list"},
    {"dl_clean", "公表用一式（zip）", "Public bundle (zip)"},
    {"open_report", "レポートを別タブで開く", "Open the report in a new tab"},
    {"again", "別の一式をチェック", "Check another bundle"},
    {"too_big", "アップロードの上限を超えています：", "The upload is larger than the limit: "},
    {"note", "アップロードしたファイルはこのサーバーの中だけで処理され、一定時間後に削除されます。",
     "Uploads are processed on this server only and deleted after a while."},
};

static void js_string(GString *o, const char *s)
{
    nohin_json_string(o, s); /* JSON is valid JS; "</" cannot occur in our texts */
}

static void append_texts(GString *o)
{
    g_string_append(o, "const T={ja:{");
    for (int l = 1; l <= 2; l++) {
        if (l == 2) g_string_append(o, "},en:{");
        for (size_t i = 0; i < G_N_ELEMENTS(TEXTS); i++) {
            if (i) g_string_append_c(o, ',');
            g_string_append_printf(o, "%s:", TEXTS[i][0]);
            js_string(o, TEXTS[i][l]);
        }
    }
    g_string_append(o, "}};\n");
}

static const char *text(const char *lang, const char *key)
{
    for (size_t i = 0; i < G_N_ELEMENTS(TEXTS); i++)
        if (!strcmp(TEXTS[i][0], key)) return TEXTS[i][strcmp(lang, "en") ? 1 : 2];
    return key;
}

static void head(GString *o, const char *lang, const char *csrf, guint64 max_upload)
{
    g_string_append_printf(
        o,
        "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "<meta name=\"csrf\" content=\"%s\"><meta name=\"max-upload\" content=\"%" G_GUINT64_FORMAT
        "\"><title>%s</title><style>%s</style>"
        "</head>\n",
        lang, NOHIN_SERVE_PAGE_CSP, csrf, max_upload, text(lang, "title"), STYLE);
}

static const char SCRIPT[] =
    "const $=id=>document.getElementById(id);\n"
    "let lang=document.documentElement.lang;\n"
    "const csrf=document.querySelector('meta[name=csrf]').content;\n"
    "function t(k){return T[lang][k]||k}\n"
    "function "
    "applyTexts(){document.querySelectorAll('[data-t]').forEach(e=>{e.textContent=t(e.dataset.t)});"
    "document.documentElement.lang=lang;document.title=t('title');}\n"
    "$('langsw').onclick=e=>{e.preventDefault();lang=lang==='ja'?'en':'ja';"
    "$('langsw').textContent=lang==='ja'?'English':'日本語';applyTexts();};\n"
    "function profile(){return document.querySelector('input[name=profile]:checked').value}\n"
    "function "
    "status(k,extra){$('status').textContent=t(k)+(extra||'');$('status').dataset.state=k}\n"
    "async function api(method,url,body,type){const "
    "h={'X-CSRF-Token':csrf};if(type)h['Content-Type']=type;"
    "const r=await fetch(url,{method,headers:h,body,credentials:'same-origin'});"
    "if(!r.ok){let m=r.status+'';try{m+=' '+(await r.json()).error}catch(e){}throw new Error(m)}"
    "return r.status===204?null:r.json()}\n"
    "async function uploadZip(f){status('uploading');"
    "return api('POST','/api/jobs?profile='+profile()+'&lang='+lang,f,'application/zip')}\n"
    "async function uploadFiles(list){const job=await "
    "api('POST','/api/jobs?upload=files&profile='+profile()+'&lang='+lang);"
    "let i=0;for(const it of list){i++;status('uploading',' '+i+'/'+list.length);"
    "const p=it.path.split('/').map(encodeURIComponent).join('/');"
    "await api('PUT','/api/jobs/'+job.id+'/files/'+p,it.file,'application/octet-stream')}"
    "return api('POST','/api/jobs/'+job.id+'/start')}\n"
    "async function "
    "run(list){$('result').classList.add('hidden');$('drop').classList.add('hidden');"
    "try{let "
    "job;if(list.length===1&&/\\.zip$/i.test(list[0].path)&&list[0].path.indexOf('/')<0)job=await "
    "uploadZip(list[0].file);"
    "else job=await uploadFiles(list);poll(job.id)}catch(e){status('failed',' "
    "('+e.message+')');$('again').classList.remove('hidden')}}\n"
    "async function poll(id){let j;try{j=await "
    "api('GET','/api/jobs/'+id)}catch(e){status('failed',' ('+e.message+')');return}"
    "status(j.state);$('jobid').textContent=id;"
    "if(j.report&&$('result').classList.contains('hidden')){showReport(j)}"
    "if(j.clean){$('dl_clean').classList.remove('off')}"
    "if(j.state==='done'||j.state==='failed'){$('again').classList.remove('hidden');if(j.error)"
    "status(j.state,' ('+j.error+')');return}"
    "setTimeout(()=>poll(id),400)}\n"
    "function showReport(j){const b='/api/jobs/'+j.id+'/';$('c_err').textContent=j.counts.error;"
    "$('c_warn').textContent=j.counts.warning;$('c_info').textContent=j.counts.info;"
    "$('dl_json').href=b+'report.json';$('dl_sarif').href=b+'report.sarif';$('dl_fix').href=b+'"
    "report.txt';"
    "$('dl_clean').href=b+'clean.zip';$('open_report').href=b+'report.html';"
    "$('report').src=b+'report.html';$('result').classList.remove('hidden')}\n"
    "function fromInput(inp){return "
    "Array.from(inp.files).map(f=>({file:f,path:f.webkitRelativePath||f.name}))}\n"
    "['in_zip','in_dir','in_files'].forEach(id=>{$(id).onchange=()=>{const "
    "l=fromInput($(id));if(l.length)run(l)}});\n"
    "function walk(entry,prefix,out){return new "
    "Promise(res=>{if(entry.isFile){entry.file(f=>{out.push({file:f,path:prefix+f.name});res()},()="
    ">res())}"
    "else if(entry.isDirectory){const rd=entry.createReader();const all=[];const "
    "next=()=>rd.readEntries(async es=>{if(!es.length){"
    "for(const e of all)await "
    "walk(e,prefix+entry.name+'/',out);res()}else{all.push(...es);next()}},()=>res());next()}else "
    "res()})}\n"
    "const drop=$('drop');drop.ondragover=e=>{e.preventDefault();drop.classList.add('over')};"
    "drop.ondragleave=()=>drop.classList.remove('over');\n"
    "drop.ondrop=async e=>{e.preventDefault();drop.classList.remove('over');const out=[];"
    "const "
    "items=Array.from(e.dataTransfer.items).map(i=>i.webkitGetAsEntry&&i.webkitGetAsEntry())."
    "filter(x=>x);"
    "if(items.length){for(const it of items)await walk(it,'',out)}else{for(const f of "
    "e.dataTransfer.files)out.push({file:f,path:f.name})}"
    "if(out.length)run(out)};\n"
    "$('again').onclick=()=>{location.reload()};\n"
    "applyTexts();\n";

char *nohin_serve_page(const char *lang, const char *csrf, guint64 max_upload, size_t *len)
{
    GString *o = g_string_new(NULL);
    head(o, lang, csrf, max_upload);
    g_string_append(
        o, "<body><header><h1 data-t=\"title\"></h1><a href=\"#\" id=\"langsw\"></a></header><main>"
           "<p data-t=\"note\"></p>"
           "<div class=\"row\"><span data-t=\"profile\"></span> "
           "<label><input type=\"radio\" name=\"profile\" value=\"public\" checked> "
           "<span data-t=\"public\"></span></label> "
           "<label><input type=\"radio\" name=\"profile\" value=\"internal\"> "
           "<span data-t=\"internal\"></span></label></div>"
           "<div id=\"drop\"><p data-t=\"lead\"></p>"
           "<label class=\"btn\"><span data-t=\"pick_zip\"></span>"
           "<input id=\"in_zip\" type=\"file\" accept=\".zip\" class=\"vh\"></label>"
           "<label class=\"btn\"><span data-t=\"pick_dir\"></span>"
           "<input id=\"in_dir\" type=\"file\" webkitdirectory multiple class=\"vh\"></label>"
           "<label class=\"btn\"><span data-t=\"pick_files\"></span>"
           "<input id=\"in_files\" type=\"file\" multiple class=\"vh\"></label></div>"
           "<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>"
           "<p class=\"hidden\"><code id=\"jobid\"></code></p>"
           "<div id=\"result\" class=\"hidden\"><div id=\"counts\">"
           "<span class=\"err\"><b id=\"c_err\">0</b> <span data-t=\"errors\"></span></span>"
           "<span class=\"warn\"><b id=\"c_warn\">0</b> <span data-t=\"warnings\"></span></span>"
           "<span class=\"inf\"><b id=\"c_info\">0</b> <span data-t=\"infos\"></span></span></div>"
           "<div class=\"row\">"
           "<a class=\"btn\" id=\"dl_json\" data-t=\"dl_json\" download></a>"
           "<a class=\"btn\" id=\"dl_sarif\" data-t=\"dl_sarif\" download></a>"
           "<a class=\"btn\" id=\"dl_fix\" data-t=\"dl_fix\" download></a>"
           "<a class=\"btn off\" id=\"dl_clean\" data-t=\"dl_clean\" download></a>"
           "<a class=\"btn\" id=\"open_report\" data-t=\"open_report\" target=\"_blank\" "
           "rel=\"noopener\"></a></div>"
           "<iframe id=\"report\" sandbox=\"allow-scripts\" title=\"report\"></iframe></div>"
           "<button id=\"again\" class=\"hidden\" data-t=\"again\"></button>"
           "</main>\n<script>\n");
    append_texts(o);
    g_string_append(o, SCRIPT);
    g_string_append_printf(o, "$('langsw').textContent=%s;\n</script></body></html>\n",
                           strcmp(lang, "en") ? "'English'" : "'日本語'");
    *len = o->len;
    return g_string_free(o, FALSE);
}

char *nohin_serve_login_page(const char *lang, const char *csrf, bool failed, size_t *len)
{
    bool en = !strcmp(lang, "en");
    GString *o = g_string_new(NULL);
    head(o, lang, csrf, 0);
    g_string_append_printf(
        o,
        "<body><header><h1>%s</h1></header><main><form method=\"post\" action=\"/login\">"
        "<p>%s</p>%s<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
        "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
        "<input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"current-password\" "
        "size=\"40\" required> <button type=\"submit\">%s</button></form></main></body></html>\n",
        text(lang, "title"),
        en ? "Enter the access token your administrator gave you."
           : "管理者から受け取ったアクセストークンを入力してください。",
        failed ? (en ? "<p class=\"err\">Wrong token.</p>"
                     : "<p class=\"err\">トークンが違います。</p>")
               : "",
        csrf, en ? "en" : "ja", en ? "Sign in" : "ログイン");
    *len = o->len;
    return g_string_free(o, FALSE);
}
