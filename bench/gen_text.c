/* gen_text.c: a generated survey file with text for the benchmark, deterministic.
 * usage: gen_text SHAPE N OUT.csv
 * SHAPE: text  60 columns: quoted text (school names, municipalities with commas,
 *              answer categories, open answers with doubled quotes), empty fields,
 *              numbers with gaps; two code columns of few levels (regio, brin)
 *        id    the same, with the two code columns replaced by ID-like text: a
 *              respondent code (all distinct) and a postcode (about 92% distinct)
 *        qnl   as id, and about one open answer in twenty spans lines (quoted
 *              line feeds) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void) { /* xorshift64* */
    state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
    return state * 2685821657736338717ULL;
}
static unsigned pick(unsigned n) { return (unsigned)(next() % n); }

static const char *const school_kind[] = { "Basisschool", "OBS", "CBS", "Kindcentrum", "SBO", "Scholengemeenschap",
                                           "Lyceum", "College", "VSO", "Montessorischool" };
static const char *const school_name[] = { "De Regenboog", "Het Kompas", "De Wegwijzer", "De Springplank", "Het Palet",
                                           "De Horizon", "De Vlinder", "Sint Jozef", "De Ark", "Het Baken", "De Zonnewijzer",
                                           "Prins Willem-Alexander", "De Fontein", "'t Startpunt", "De Klimop", "Oranje Nassau" };
static const char *const towns[] = { "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
                                     "Almere", "Breda", "Nijmegen", "Bergen (NH)", "Bergen (L)", "Hengelo", "Zwolle", "Leeuwarden",
                                     "Maastricht", "Dordrecht", "Zoetermeer", "Haarlem", "Arnhem", "Amersfoort", "Apeldoorn",
                                     "Enschede", "'s-Hertogenbosch", "Delft", "Leiden", "Alkmaar", "Emmen", "Venlo", "Deventer" };
static const char *const actors[] = { "schoolleider", "intern begeleider", "leraar", "ouder", "leerling", "bestuurder" };
static const char *const types[] = { "bao", "sbo", "vo", "vso" };
static const char *const sexes[] = { "meisje", "jongen", "anders", "zeg ik liever niet" };
static const char *const agree[] = { "helemaal mee oneens", "mee oneens", "neutraal", "mee eens", "helemaal mee eens",
                                     "weet niet" };
static const char *const opener[] = { "De begeleiding", "Het contact met school", "De ondersteuning", "Het schooladvies",
                                      "De communicatie", "Het ontwikkelingsperspectief", "De wachttijd", "Het aanbod" };
static const char *const verdict[] = { "is goed", "kan beter", "duurt te lang", "is prima geregeld", "is onduidelijk",
                                       "verdient een \"\"compliment\"\"", "was wisselend, soms goed en soms niet",
                                       "sluit niet aan bij wat mijn kind nodig heeft" };

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: gen_text text|id|qnl N OUT.csv\n"); return 2; }
    const char *shape = argv[1];
    int ids = strcmp(shape, "text") != 0, qnl = strcmp(shape, "qnl") == 0;
    if (strcmp(shape, "text") && strcmp(shape, "id") && strcmp(shape, "qnl")) { fprintf(stderr, "gen_text: unknown shape %s\n", shape); return 2; }
    long n = atol(argv[2]);
    FILE *f = fopen(argv[3], "w");
    if (!f) { perror(argv[3]); return 1; }
    static char buf[1 << 16];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    /* 60 columns */
    fputs(ids ? "respondent,postcode" : "regio,brin", f);
    fputs(",school,gemeente,actor,onderwijstype,swv,stratum,w,geslacht,leeftijd", f);
    for (int j = 1; j <= 40; j++) fprintf(f, ",q%d", j);
    for (int j = 1; j <= 6; j++) fprintf(f, ",oordeel%d", j);
    fputs(",toelichting,suggestie,datum\n", f);
    static const char b36[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (long i = 1; i <= n; i++) {
        if (ids) {
            /* respondent code: a scrambled row number, all distinct */
            uint64_t x = (uint64_t)i * 0x9E3779B97F4A7C15ULL;
            x ^= x >> 29;
            char code[16] = "R";
            for (int k = 1; k <= 9; k++) { code[k] = b36[x % 36]; x /= 36; }
            code[10] = '\0';
            fprintf(f, "%s,%u %c%c", code, 1000 + pick(9000), 'A' + pick(26), 'A' + pick(26));
        } else {
            fprintf(f, "regio %u,%02u%c%c", 1 + pick(40), pick(100), 'A' + pick(26), 'A' + pick(3));
        }
        unsigned swv = 1 + pick(200);
        fprintf(f, ",\"%s %s %u\",\"%s\",%s,%s,%u,%u,%.4f", school_kind[pick(10)], school_name[pick(16)], pick(20),
                towns[pick(30)], actors[pick(6)], types[pick(4)], swv, (swv - 1) % 8 + 1, 0.5 + pick(20000) / 10000.0);
        unsigned s = pick(20);
        fprintf(f, ",%s", s < 19 ? sexes[s % 4] : "");
        if (pick(10) == 0) fputs(",", f);
        else fprintf(f, ",%u", 4 + pick(60));
        for (int j = 0; j < 40; j++) {
            unsigned u = pick(100);
            if (u < 5) fputs(",", f);
            else if (u < 9) fputs(",8", f);
            else fprintf(f, ",%u", 1 + (u + j) % 5);
        }
        for (int j = 0; j < 6; j++) {
            unsigned u = pick(12);
            if (u >= 6) u = pick(6);
            if (pick(15) == 0) fputs(",", f);
            else fprintf(f, ",%s", agree[u]);
        }
        for (int j = 0; j < 2; j++) {
            if (pick(10) < 7) { fputs(",", f); continue; }
            fprintf(f, ",\"%s %s", opener[pick(8)], verdict[pick(8)]);
            if (qnl && pick(20) == 0) fputs(".\nEn verder: niets", f);
            if (pick(3) == 0) fprintf(f, ", zie ook punt %u", 1 + pick(40));
            fputc('"', f);
        }
        fprintf(f, ",2024-%02u-%02u\n", 1 + pick(12), 1 + pick(28));
    }
    if (fclose(f) != 0) { perror(argv[3]); return 1; }
    return 0;
}
