/* lformat.c: the small native helpers of the output formats (lua/passend/format/):
 * numbers rounded half-up on their shortest decimal string, UTF-8 display widths,
 * and whether/how wide the terminal is. Never uses the C locale for numbers. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lua/lpassend.h"
#include "lua/lcheck.h"

/* Shortest "%.*e" form of x that reads back as x: fills digits (no point) and
 * returns the decimal exponent of the first digit. */
static int shortest_digits(double x, char *digits, size_t size) {
    char buf[64];
    int p;
    for (p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        if (strtod(buf, NULL) == x) break;
    }
    if (p > 17) snprintf(buf, sizeof buf, "%.16e", x);
    /* buf: d[.ddd]e[+-]XX (x >= 0 here) */
    size_t n = 0;
    const char *s = buf;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9' && n + 1 < size) digits[n++] = *s;
    digits[n] = '\0';
    return *s == 'e' ? atoi(s + 1) : 0;
}

/* Writes x with `decimals` decimals (or, when decimals < 0, its shortest exact
 * decimal form) into out; rounding is half away from zero on the decimal string.
 * mark: the decimal mark; sep: thousands separator or "" for none. */
static void format_number(double x, int decimals, const char *mark, const char *sep,
                          luaL_Buffer *b) {
    if (isinf(x)) { luaL_addstring(b, x < 0 ? "-Inf" : "Inf"); return; }
    int neg = signbit(x) != 0;
    double ax = fabs(x);
    char digits[32];
    int exp10 = ax == 0 ? 0 : shortest_digits(ax, digits, sizeof digits);
    if (ax == 0) strcpy(digits, "0");
    int nd = (int)strlen(digits);
    /* value = 0.digits * 10^(exp10+1): integer part has exp10+1 digits */
    int nint = exp10 + 1;
    /* number in fixed form: ip (integer digits) and fp (fraction digits) */
    char ip[400], fp[400];
    int ni = 0, nf = 0;
    if (nint <= 0) {
        ip[ni++] = '0';
        for (int i = 0; i < -nint && nf < 350; i++) fp[nf++] = '0';
        for (int i = 0; i < nd && nf < 399; i++) fp[nf++] = digits[i];
    } else {
        for (int i = 0; i < nint && ni < 399; i++) ip[ni++] = i < nd ? digits[i] : '0';
        for (int i = nint; i < nd && nf < 399; i++) fp[nf++] = digits[i];
    }
    if (decimals >= 0 && nf > decimals) {
        int up = fp[decimals] >= '5';
        nf = decimals;
        if (up) {
            int i = nf - 1, carry = 1;
            for (; i >= 0 && carry; i--) {
                if (fp[i] == '9') fp[i] = '0'; else { fp[i]++; carry = 0; }
            }
            for (i = ni - 1; i >= 0 && carry; i--) {
                if (ip[i] == '9') ip[i] = '0'; else { ip[i]++; carry = 0; }
            }
            if (carry) { memmove(ip + 1, ip, (size_t)ni); ip[0] = '1'; ni++; }
        }
    }
    if (decimals >= 0) while (nf < decimals && nf < 399) fp[nf++] = '0';
    /* strip leading zeros of the integer part (keep one) */
    int start = 0;
    while (start < ni - 1 && ip[start] == '0') start++;
    int zero = 1;
    for (int i = start; i < ni; i++) if (ip[i] != '0') zero = 0;
    for (int i = 0; i < nf; i++) if (fp[i] != '0') zero = 0;
    if (neg && !zero) luaL_addchar(b, '-');
    int len = ni - start;
    for (int i = start; i < ni; i++) {
        luaL_addchar(b, ip[i]);
        int left = ni - i - 1;
        if (*sep && left > 0 && left % 3 == 0 && len > 3) luaL_addstring(b, sep);
    }
    if (nf > 0) {
        luaL_addstring(b, mark);
        luaL_addlstring(b, fp, (size_t)nf);
    }
}

static int l_numstr(lua_State *L) {
    double x = luaL_checknumber(L, 1);
    lua_Integer k = luaL_optinteger(L, 2, -1);
    const char *mark = luaL_optstring(L, 3, ".");
    const char *sep = luaL_optstring(L, 4, "");
    if (k > 300) return luaL_error(L, "numstr: at most 300 decimals, got %I", k);
    int decimals = k < 0 ? -1 : (int)k;  /* negative: the shortest exact form */
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    if (isnan(x)) { luaL_pushresult(&b); return 1; }
    format_number(x, decimals, mark, sep, &b);
    luaL_pushresult(&b);
    return 1;
}

/* Display width of one code point: 0 for combining marks and controls, 2 for
 * East Asian wide/fullwidth and emoji, else 1. Ranges after Unicode 15's
 * EastAsianWidth W/F and general category Mn/Me (the common blocks). */
static int cp_width(unsigned long c) {
    static const unsigned long zero[][2] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
        {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
        {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
        {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
        {0xE0100, 0xE01EF}};
    static const unsigned long wide[][2] = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
        {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x26AA, 0x26AB},
        {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26F2, 0x26F5}, {0x2705, 0x2705},
        {0x270A, 0x270B}, {0x2753, 0x2755}, {0x2795, 0x2797}, {0x2B1B, 0x2B1C},
        {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
        {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6},
        {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD},
        {0x30000, 0x3FFFD}};
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    if (c < 0x300) return 1;
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (c >= zero[i][0] && c <= zero[i][1]) return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (c >= wide[i][0] && c <= wide[i][1]) return 2;
    return 1;
}

/* Decodes one UTF-8 sequence at s (len bytes left); invalid bytes count as one
 * code point of width 1 (U+FFFD). Returns the bytes used. */
static size_t utf8_next(const unsigned char *s, size_t len, unsigned long *cp) {
    unsigned char c = s[0];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || n > len) { *cp = 0xFFFD; return 1; }
    unsigned long v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

static int l_dispwidth(lua_State *L) {
    size_t len;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &len);
    lua_Integer w = 0;
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        i += utf8_next(s + i, len - i, &cp);
        w += cp_width(cp);
    }
    lua_pushinteger(L, w);
    return 1;
}

/* _cut(s, width): the longest prefix of s with display width <= width, and the rest. */
static int l_cut(lua_State *L) {
    size_t len;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &len);
    lua_Integer max = luaL_checkinteger(L, 2), w = 0;
    size_t i = 0;
    while (i < len) {
        unsigned long cp;
        size_t n = utf8_next(s + i, len - i, &cp);
        int cw = cp_width(cp);
        if (w + cw > max) break;
        w += cw;
        i += n;
    }
    lua_pushlstring(L, (const char *)s, i);
    lua_pushlstring(L, (const char *)s + i, len - i);
    return 2;
}

static int l_isatty(lua_State *L) {
    lua_pushboolean(L, isatty((int)pl_optrange(L, 1, "fd", 0, 1 << 30, 1)));
    return 1;
}

/* Terminal columns of fd 1 (or the given fd), else $COLUMNS, else nil. */
static int l_termwidth(lua_State *L) {
    struct winsize ws;
    int fd = (int)pl_optrange(L, 1, "fd", 0, 1 << 30, 1);
    if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        lua_pushinteger(L, ws.ws_col);
        return 1;
    }
    const char *c = getenv("COLUMNS");
    if (c && atoi(c) > 0) { lua_pushinteger(L, atoi(c)); return 1; }
    lua_pushnil(L);
    return 1;
}

static const pl_Func format_funcs[] = {
    {"_numstr", l_numstr, NULL},
    {"_dispwidth", l_dispwidth, NULL},
    {"_cut", l_cut, NULL},
    {"_isatty", l_isatty, NULL},
    {"_termwidth", l_termwidth, NULL},
    {NULL, NULL, NULL}};

int passend_open_format(lua_State *L) {
    pl_register(L, format_funcs);
    return 0;
}
