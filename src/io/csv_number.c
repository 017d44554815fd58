/* csv_number.c: numbers to and from text without the C locale: the decimal mark
 * is a parameter, so "3,5" and "3.5" both parse and print exactly. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

static const double pow10_exact[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static char locale_point(void) {
    const char *p = localeconv()->decimal_point;
    return p && p[0] ? p[0] : '.';
}

/* Slow path: strtod on a copy with the locale's decimal point. */
static int slow_parse(const char *s, size_t n, char dec, double *out) {
    char buf[128];
    char *tmp = n < sizeof buf ? buf : malloc(n + 1);
    if (!tmp) return 0;
    char lp = locale_point();
    for (size_t i = 0; i < n; i++) tmp[i] = s[i] == dec ? lp : s[i];
    tmp[n] = '\0';
    char *end;
    *out = strtod(tmp, &end);
    int ok = end == tmp + n;
    if (tmp != buf) free(tmp);
    return ok;
}

int csv_parse_number(const char *s, size_t n, char *dec, double *out) {
    /* the common case first: 1 to 15 digits, exact as a double */
    if (n - 1 < 15) {
        uint64_t m = 0;
        size_t i = 0;
        for (; i < n; i++) {
            unsigned d = (unsigned)((unsigned char)s[i] - '0');
            if (d > 9) break;
            m = m * 10 + d;
        }
        if (i == n) {
            *out = (double)m;
            return 1;
        }
    }
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (!n) return 0;
    const char *p = s, *end = s + n;
    int neg = 0;
    if (*p == '-' || *p == '+') { neg = *p == '-'; p++; }
    uint64_t mant = 0;
    int digits = 0, sig = 0, exp10 = 0;
    char mark = 0;
    for (; p < end && (unsigned)(*p - '0') < 10; p++) {
        digits++;
        if (sig < 19) {
            if (mant || *p != '0') { mant = mant * 10 + (uint64_t)(*p - '0'); sig++; }
        } else {
            exp10++;
        }
    }
    if (p < end && (*p == '.' || *p == ',')) {
        if (*dec ? *p != *dec : 0) return 0;
        mark = *p++;
        for (; p < end && (unsigned)(*p - '0') < 10; p++) {
            digits++;
            if (sig < 19) {
                if (mant || *p != '0') { mant = mant * 10 + (uint64_t)(*p - '0'); sig++; }
                exp10--;
            }
        }
    }
    if (!digits) return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        int eneg = 0, e = 0, edig = 0;
        if (p < end && (*p == '-' || *p == '+')) { eneg = *p == '-'; p++; }
        for (; p < end && (unsigned)(*p - '0') < 10; p++, edig++)
            if (e < 100000) e = e * 10 + (*p - '0');
        if (!edig) return 0;
        exp10 += eneg ? -e : e;
    }
    if (p != end) return 0;
    if (mark && !*dec) *dec = mark;
    double v;
    if (mant == 0) {
        v = 0;
    } else if (mant <= (1ULL << 53) && exp10 >= -22 && exp10 <= 22) {
        v = (double)mant;  /* exact, and one correctly rounded operation */
        v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
    } else {
        if (!slow_parse(s, n, mark ? mark : '.', &v)) return 0;
        *out = v;
        return 1;
    }
    *out = neg ? -v : v;
    return 1;
}

/* Writes the integer m with k digits after the decimal mark dec. */
static size_t put_scaled(long long m, int k, char dec, char *out, size_t size) {
    char buf[40];
    char *p = buf + sizeof buf;
    int neg = m < 0;
    unsigned long long u = neg ? (unsigned long long)(-m) : (unsigned long long)m;
    int digits = 0;
    *--p = '\0';
    do {
        if (k && digits == k) *--p = dec;
        *--p = (char)('0' + u % 10);
        u /= 10;
        digits++;
    } while (u || digits <= k);
    if (neg) *--p = '-';
    size_t n = (size_t)(buf + sizeof buf - 1 - p);
    if (n >= size) n = size ? size - 1 : 0;
    memcpy(out, p, n);
    if (size) out[n] = '\0';
    return n;
}

size_t csv_format_number(double v, char dec, char *out, size_t size) {
    if (v != v) { if (size) out[0] = '\0'; return 0; }
    if (isinf(v)) return (size_t)snprintf(out, size, "%s", v < 0 ? "-Inf" : "Inf");
    if (v == floor(v) && fabs(v) < 1e15) return put_scaled((long long)v, 0, dec, out, size);
    /* Few decimals (the usual case): the k for which m / 10^k is v again, exactly as
     * csv_parse_number computes it, so the text reads back as the same double. */
    for (int k = 1; k <= 9; k++) {
        double m = nearbyint(v * pow10_exact[k]);
        if (fabs(m) >= 9007199254740992.0) break;
        if (m / pow10_exact[k] == v) return put_scaled((long long)m, k, dec, out, size);
    }
    char buf[64];
    char lp = locale_point();
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        char *q = strchr(buf, lp);
        if (q) *q = '.';
        char d = '.';
        double back;
        if (prec == 17 || (csv_parse_number(buf, strlen(buf), &d, &back) && back == v)) break;
    }
    char *q = strchr(buf, '.');
    if (q) *q = dec;
    return (size_t)snprintf(out, size, "%s", buf);
}
