/*
 * TCP request/response over loopback, as Assay's network.tcp.rr measures it: a client thread
 * writes a message of SIZE bytes with TCP_NODELAY, an echo server thread in the same process
 * reads it and writes it back, ROUNDS times after WARMUP untimed exchanges. Blocking sockets
 * (the plainest C loop; Assay's ends use non-blocking channels and epoll, which is what a
 * difference in p50 would partly be). The listener binds 127.0.0.1 at a port the kernel picks.
 *
 * usage: pingpong SIZE ROUNDS CLIENT_CPU SERVER_CPU
 * prints key=value lines: p50_us, p99_us, p999_us, max_us, transactions_per_s, cpus.
 */
#define BENCH_NAME "pingpong"
#include "bench_common.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define WARMUP 2000

static long size;
static int server_cpu;
static int listener;

static void io_all(int fd, char *buf, long n, int writing) {
    long done = 0;
    while (done < n) {
        ssize_t k = writing ? write(fd, buf + done, n - done) : read(fd, buf + done, n - done);
        if (k <= 0) {
            fprintf(stderr, "pingpong: %s failed after %ld of %ld bytes\n", writing ? "write" : "read", done, n);
            exit(1);
        }
        done += k;
    }
}

static void *serve(void *arg) {
    (void) arg;
    pin_to_cpu(server_cpu);
    int fd = accept(listener, NULL, NULL);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char *buf = malloc(size);
    for (;;) {
        long done = 0;
        while (done < size) {
            ssize_t k = read(fd, buf + done, size - done);
            if (k <= 0) {
                close(fd);
                free(buf);
                return NULL; /* the client closed: done */
            }
            done += k;
        }
        io_all(fd, buf, size, 1);
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: pingpong SIZE ROUNDS CLIENT_CPU SERVER_CPU\n");
        return 2;
    }
    size = parse_long(argv[1], "SIZE", 1);
    long rounds = parse_long(argv[2], "ROUNDS", 100);
    int client_cpu = (int) parse_long(argv[3], "CLIENT_CPU", 0);
    server_cpu = (int) parse_long(argv[4], "SERVER_CPU", 0);

    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *) &addr, sizeof addr) != 0 || listen(listener, 1) != 0
        || getsockname(listener, (struct sockaddr *) &addr, &len) != 0) {
        perror("pingpong: listen on 127.0.0.1");
        return 1;
    }
    pthread_t server;
    pthread_create(&server, NULL, serve, NULL);
    pin_to_cpu(client_cpu);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        perror("pingpong: connect");
        return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char *req = calloc(1, size), *resp = malloc(size);
    double *rtt = malloc(sizeof(double) * rounds);
    for (long i = 0; i < WARMUP; i++) {
        io_all(fd, req, size, 1);
        io_all(fd, resp, size, 0);
    }
    double t0 = now_ns();
    for (long i = 0; i < rounds; i++) {
        double s = now_ns();
        req[0] = (char) i;
        io_all(fd, req, size, 1);
        io_all(fd, resp, size, 0);
        if (resp[0] != req[0]) {
            fprintf(stderr, "pingpong: response %ld does not answer its request\n", i);
            return 1;
        }
        rtt[i] = now_ns() - s;
    }
    double total = now_ns() - t0;
    close(fd);
    pthread_join(server, NULL);
    qsort(rtt, rounds, sizeof(double), cmp_double);
    printf("size=%ld\nrounds=%ld\n", size, rounds);
    printf("p50_us=%.3f\np99_us=%.3f\np999_us=%.3f\nmax_us=%.3f\n", rtt[rounds / 2] / 1e3,
           rtt[(long) (rounds * 0.99)] / 1e3, rtt[(long) (rounds * 0.999)] / 1e3, rtt[rounds - 1] / 1e3);
    printf("transactions_per_s=%.1f\ncpus=%d,%d\n", rounds / (total / 1e9), client_cpu, server_cpu);
    return 0;
}
