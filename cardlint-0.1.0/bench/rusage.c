/* rusage: run a command and report its wall time and peak memory.
 *
 *   rusage [-o FILE] [-i FILE] CMD [ARG...]
 *
 * Forks, execs CMD (searched in PATH), waits with wait4() and prints one line
 *
 *   WALL_SECONDS PEAK_RSS_KB STATUS USER_SECONDS SYS_SECONDS
 *
 * to FILE (-o) or to stderr.  PEAK_RSS_KB is ru_maxrss of the child as
 * wait4() reports it (on Linux the largest of the child and the descendants it
 * waited for).  STATUS is the child's exit code, or 128+N when it was killed
 * by signal N; rusage exits with STATUS too.  -i FILE becomes the child's
 * standard input.  Used by bench/run.sh because GNU time is not always
 * installed.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *out = NULL, *in = NULL;
	int ai = 1;
	while (ai + 1 < argc && argv[ai][0] == '-') {
		if (strcmp(argv[ai], "-o") == 0)
			out = argv[ai + 1];
		else if (strcmp(argv[ai], "-i") == 0)
			in = argv[ai + 1];
		else if (strcmp(argv[ai], "--") == 0) {
			ai++;
			break;
		} else
			break;
		ai += 2;
	}
	if (ai >= argc) {
		fprintf(stderr, "usage: rusage [-o FILE] [-i FILE] CMD [ARG...]\n");
		return 2;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("rusage: fork");
		return 2;
	}
	if (pid == 0) {
		if (in) {
			int fd = open(in, O_RDONLY);
			if (fd < 0 || dup2(fd, 0) < 0) {
				perror(in);
				_exit(127);
			}
			close(fd);
		}
		execvp(argv[ai], argv + ai);
		fprintf(stderr, "rusage: %s: %s\n", argv[ai], strerror(errno));
		_exit(127);
	}
	int st;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("rusage: wait4");
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	int status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 2;
	FILE *f = out ? fopen(out, "w") : stderr;
	if (!f) {
		perror(out);
		return 2;
	}
	fprintf(f, "%.6f %ld %d %.3f %.3f\n", wall, ru.ru_maxrss, status,
		(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
		(double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6);
	if (out && fclose(f) != 0) {
		perror(out);
		return 2;
	}
	return status;
}
