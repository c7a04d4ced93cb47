/*
 * Entrypoint of the qnative image (hack/node/build-image.sh), a FROM-scratch image without a shell.
 *  - as /usr/bin/qnative: execs the jlinked java with JAVA_OPTS_APPEND split on blanks (the variable the
 *    install's kubernetes/400-deployment.yaml sets, as Quarkus' run-java.sh images read it), then
 *    -jar quarkus-run.jar and its own arguments, from /deployments: the application CDS archive there
 *    (-XX:SharedArchiveFile=app-cds.jsa) names the jars by the relative paths it was dumped with;
 *  - as /bin/sleep SECONDS: sleeps (the Deployment's preStop hook runs `sleep 15`).
 * Built with gcc -static; no other libraries.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JAVA "/opt/java/bin/java"
#define APP_DIR "/deployments"
#define APP "quarkus-run.jar"

static int do_sleep(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: sleep SECONDS\n"); return 2; }
    char *end;
    long s = strtol(argv[1], &end, 10);
    if (*argv[1] == '\0' || *end != '\0' || s < 0) { fprintf(stderr, "sleep: invalid time '%s'\n", argv[1]); return 2; }
    while (s > 0) s = sleep((unsigned) s);
    return 0;
}

int main(int argc, char **argv) {
    const char *name = strrchr(argv[0], '/');
    name = name ? name + 1 : argv[0];
    if (strcmp(name, "sleep") == 0) return do_sleep(argc, argv);

    if (chdir(APP_DIR) != 0) { fprintf(stderr, "qnative: chdir %s: %s\n", APP_DIR, strerror(errno)); return 1; }
    const char *opts = getenv("JAVA_OPTS_APPEND");
    char *copy = strdup(opts ? opts : "");
    char **args = calloc((size_t) argc + strlen(copy) / 2 + 8, sizeof(char *));
    if (!copy || !args) { perror("qnative"); return 1; }
    int n = 0;
    args[n++] = JAVA;
    for (char *tok = strtok(copy, " \t\n"); tok; tok = strtok(NULL, " \t\n")) args[n++] = tok;
    args[n++] = "-jar";
    args[n++] = APP;
    for (int i = 1; i < argc; i++) args[n++] = argv[i];
    args[n] = NULL;
    execv(JAVA, args);
    fprintf(stderr, "qnative: exec %s: %s\n", JAVA, strerror(errno));
    return 127;
}
