/* Check digits: My Number (個人番号), corporate number (法人番号), Luhn. */
#include <string.h>
#include "pii.h"

/* 行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第八条:
 * check = 11 - (Σ Pn×Qn mod 11), or 0 when the remainder is 0 or 1, where Pn is
 * the n-th digit counted from the right of the first eleven and Qn = n+1 for
 * n ≤ 6, n-5 for 7 ≤ n ≤ 11. */
bool pii_my_number_valid(const char *d)
{
    for (int i = 0; i < 12; i++)
        if (d[i] < '0' || d[i] > '9') return false;
    int sum = 0;
    for (int n = 1; n <= 11; n++) {
        int p = d[11 - n] - '0';
        int q = n <= 6 ? n + 1 : n - 5;
        sum += p * q;
    }
    int r = sum % 11;
    int check = r <= 1 ? 0 : 11 - r;
    return check == d[11] - '0';
}

/* 法人番号: the first digit is the check digit, 9 - (Σ Pn×Qn mod 9) over the
 * twelve base digits, Pn the n-th digit from the right, Qn 1 for odd n, 2 for even. */
bool pii_corporate_number_valid(const char *d)
{
    for (int i = 0; i < 13; i++)
        if (d[i] < '0' || d[i] > '9') return false;
    int sum = 0;
    for (int n = 1; n <= 12; n++) {
        int p = d[13 - n] - '0';
        sum += p * (n % 2 ? 1 : 2);
    }
    return 9 - sum % 9 == d[0] - '0';
}

bool pii_luhn_valid(const char *d)
{
    size_t n = strlen(d);
    if (n < 12) return false;
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        char c = d[n - 1 - i];
        if (c < '0' || c > '9') return false;
        int v = c - '0';
        if (i % 2) {
            v *= 2;
            if (v > 9) v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}
