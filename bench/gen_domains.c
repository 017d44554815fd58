/* gen_domains.c: the many-domain case of srvyr issue #164, deterministic.
 * usage: gen_domains N OUT.csv
 * Columns: grp1 (a..z), grp2 (A..Z), grp3 (1..10): 6,760 groups; weight (0.01..1.00);
 * y (0/1, its share differing by group). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x853C49E6748FEA9BULL;
static uint64_t next(void) {
    state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
    return state * 2685821657736338717ULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: gen_domains N OUT.csv\n"); return 2; }
    long n = atol(argv[1]);
    FILE *f = fopen(argv[2], "w");
    if (!f) { perror(argv[2]); return 1; }
    fprintf(f, "grp1,grp2,grp3,weight,y\n");
    for (long i = 0; i < n; i++) {
        int a = (int)(next() % 26), b = (int)(next() % 26), c = 1 + (int)(next() % 10);
        int w = 1 + (int)(next() % 100);
        int y = (int)(next() % 100) < 20 + (a + b + c) % 50;
        fprintf(f, "%c,%c,%d,%d.%02d,%d\n", 'a' + a, 'A' + b, c, w / 100, w % 100, y);
    }
    if (fclose(f) != 0) { perror(argv[2]); return 1; }
    return 0;
}
