/* Inline CSS and JavaScript of the HTML report. */
#ifndef NOHIN_HTML_ASSETS_H
#define NOHIN_HTML_ASSETS_H

extern const char nohin_html_css[];
extern const char nohin_html_js[];

#endif
