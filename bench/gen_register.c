/* gen_register.c: a generated pupil register for the benchmark, deterministic.
 * usage: gen_register N OUT.csv
 * Columns: swv (150 samenwerkingsverbanden), onderwijstype (po/vo), year (2019..2025),
 * referred (0/1, about 0.3% po and 0.4% vo). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x2545F4914F6CDD1DULL;
static uint64_t next(void) {
    state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
    return state * 2685821657736338717ULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: gen_register N OUT.csv\n"); return 2; }
    long n = atol(argv[1]);
    FILE *f = fopen(argv[2], "w");
    if (!f) { perror(argv[2]); return 1; }
    static char buf[1 << 16];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fprintf(f, "swv,onderwijstype,year,referred\n");
    for (long i = 0; i < n; i++) {
        int swv = (int)(next() % 150) + 1;
        int vo = (int)(next() % 2);
        int year = 2019 + (int)(next() % 7);
        int referred = (next() % 10000) < (unsigned)(vo ? 40 : 30);
        fprintf(f, "SWV%03d,%s,%d,%d\n", swv, vo ? "vo" : "po", year, referred);
    }
    if (fclose(f) != 0) { perror(argv[2]); return 1; }
    return 0;
}
