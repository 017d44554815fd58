/* gen_survey.c: generated survey microdata for the benchmark, deterministic.
 * usage: gen_survey N OUT.csv [SEED]
 * Columns: id, actor, onderwijstype, swv (cluster, 200), stratum (8), w, q1..q60
 * (answers 1..5, about 4% coded 8 'weet niet' and 2% 9 'n.v.t.'). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 88172645463325252ULL;
static uint64_t next(void) { /* xorshift64* */
    state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
    return state * 2685821657736338717ULL;
}
static double unif(void) { return (next() >> 11) * (1.0 / 9007199254740992.0); }

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: gen_survey N OUT.csv [SEED]\n"); return 2; }
    long n = atol(argv[1]);
    if (argc > 3) state ^= strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL;
    FILE *f = fopen(argv[2], "w");
    if (!f) { perror(argv[2]); return 1; }
    static const char *actors[] = { "schoolleider", "ib", "leraar", "ouder", "leerling", "bestuur" };
    static const char *types[] = { "bao", "sbo", "vo", "vso" };
    static char buf[1 << 16];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fprintf(f, "id,actor,onderwijstype,swv,stratum,w");
    for (int j = 1; j <= 60; j++) fprintf(f, ",q%d", j);
    fputc('\n', f);
    for (long i = 1; i <= n; i++) {
        int swv = (int)(next() % 200) + 1;
        int stratum = (swv - 1) % 8 + 1;
        double w = 0.5 + 2.0 * unif();
        double level = 2.5 + (swv % 7) * 0.25; /* clusters differ */
        fprintf(f, "%ld,%s,%s,%d,%d,%.4f", i, actors[next() % 6], types[next() % 4], swv, stratum, w);
        for (int j = 0; j < 60; j++) {
            double u = unif();
            int v;
            if (u < 0.04) v = 8;
            else if (u < 0.06) v = 9;
            else {
                double x = level + (unif() + unif() + unif() - 1.5) * 2.0;
                v = x < 1.5 ? 1 : x < 2.5 ? 2 : x < 3.5 ? 3 : x < 4.5 ? 4 : 5;
            }
            char c[3] = { ',', (char)('0' + v), 0 };
            fputs(c, f);
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0) { perror(argv[2]); return 1; }
    return 0;
}
