/* Classifying cell and field text for the machine-readability rules
 * (総務省「統計表における機械判読可能なデータの表記方法の統一ルール」).
 * Shared by the XLSX and the CSV readers. */
#ifndef NOHIN_XLSX_CLASSIFY_H
#define NOHIN_XLSX_CLASSIFY_H

#include <glib.h>
#include <stdbool.h>

/* Text a human reads as a number ("1,234", "-5", "３．５", "12%"), that a
 * machine would read as text. Codes with leading zeros ("00123") are not numbers. */
bool nohin_text_is_number(const char *s);
/* Spaces used for layout: leading/trailing blanks, or a blank between two
 * CJK characters ("東 京", "氏　名"). */
bool nohin_text_layout_spaces(const char *s);
/* First machine-dependent character (①, Ⅰ, ㈱, ㍉, №, ℡ …), or 0. */
gunichar nohin_text_machine_char(const char *s);
/* A field a spreadsheet would evaluate: starts with = + - @, tab or CR, and is
 * not a plain signed number. A lone "-" or "+" (a placeholder) is fine. */
bool nohin_text_formula_like(const char *s);
/* Empty or only blanks. */
bool nohin_text_blank(const char *s);

#endif
