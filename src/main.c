/*
 * gridstar: township grid star ratings, published as open data, a static
 * website and printable notice boards.  Command line and orchestration.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boards.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "digest.h"
#include "export.h"
#include "fsout.h"
#include "input.h"
#include "rules.h"
#include "site.h"

/* Where installed themes live when ./themes does not exist. */
#ifndef THEMESDIR
#define THEMESDIR "/usr/local/share/gridstar/themes"
#endif

/* Exit statuses (man/gridstar.1 EXIT STATUS). */
#define EXIT_OK 0
#define EXIT_DATA 1
#define EXIT_USAGE 2

/* Parts of a publication, for --only (bits of struct opts.only). */
#define PART_DATA	(1u << 0)	/* out/data/: the open data */
#define PART_SITE	(1u << 1)	/* the web pages */
#define PART_QR		(1u << 2)	/* out/qr/: QR code files */
#define PART_BOARDS	(1u << 3)	/* out/boards/: the print files */
#define PART_ALL	(PART_DATA | PART_SITE | PART_QR | PART_BOARDS)

/* Most processes -j may ask for. */
#define MAX_JOBS 64
/* Largest block malloc takes from the heap (glibc's limit: 32 MB). */
#define MALLOC_KEEP	(32 * 1024 * 1024)
#define SHARDS_PER_JOB 2	/* shards of the pages and boards per process */
/* File in the output recording what the publication was made from. */
#define BUILD_STAMP ".gridstar-build"

/* Largest error count a worker process can give as its exit status. */
#define WORKER_FAILED 255

/* What the command line asked for. */
struct opts {
	const char	*cmd;		/* "build" or "check" */
	const char	*in;		/* -i: input folder */
	const char	*out;		/* -o: output folder */
	int		 month;		/* -m: month number, -1 = site.ini */
	int		 stage;		/* -s: enum stage, -1 = site.ini */
	const char	*themes;	/* -t: folder of themes */
	unsigned	 only;		/* --only: PART_* to publish */
	int		 jobs;		/* -j: processes writing at once */
};

static const struct option longopts[] = {
	{ "input",	required_argument,	NULL, 'i' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "month",	required_argument,	NULL, 'm' },
	{ "stage",	required_argument,	NULL, 's' },
	{ "themes",	required_argument,	NULL, 't' },
	{ "only",	required_argument,	NULL, 'O' },
	{ "jobs",	required_argument,	NULL, 'j' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL,		0,			NULL, 0 }
};

static void
usage(FILE *f)
{
	fputs("Usage: gridstar build [OPTION]...\n"
	    "       gridstar check [OPTION]...\n"
	    "Compute the grid star ratings of a month and publish them.\n"
	    "\n"
	    "  build            check the inputs, then write the open data,\n"
	    "                   website and boards to the output folder\n"
	    "  check            check the inputs only; write nothing\n"
	    "\n"
	    "  -i, --input DIR  input folder (default: input)\n"
	    "  -o, --output DIR output folder (default: out)\n"
	    "  -m, --month YYYY-MM  month to publish\n"
	    "                   (default: [publication] month of site.ini)\n"
	    "  -s, --stage notice|final  stage to publish\n"
	    "                   (default: [publication] stage of site.ini)\n"
	    "  -t, --themes DIR folder of themes (default: themes, else the\n"
	    "                   installed themes)\n"
	    "      --only LIST  publish only these parts, keeping the others\n"
	    "                   as they were: data,site,qr,boards\n"
	    "  -j, --jobs N     write with N processes (default: the number\n"
	    "                   of processors); the output is the same\n"
	    "  -h, --help       show this help and exit\n"
	    "  -V, --version    show the version and exit\n"
	    "\n"
	    "Exit status: 0 ok, 1 problems in the inputs or writing the\n"
	    "output (nothing is published), 2 bad command line.\n", f);
}

static int
bad_usage(const char *fmt, const char *arg)
{
	fputs("gridstar: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'gridstar --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Parse a --only list into PART_* bits; 0, or -1 when malformed. */
static int
parse_only(const char *arg, unsigned *only)
{
	static const char *const names[] = { "data", "site", "qr", "boards" };
	const char	*p = arg, *e;
	size_t		 n, i;

	*only = 0;
	while (*p != '\0') {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		for (i = 0; i < 4; i++)
			if (strlen(names[i]) == n && strncmp(p, names[i], n) == 0)
				break;
		if (i == 4)
			return -1;
		*only |= 1u << i;
		p += n;
		if (*p == ',' && *++p == '\0')
			return -1;
	}
	return *only == 0 ? -1 : 0;
}

/* Parse the command line into o; returns -1 to go on, else an exit code. */
static int
parse_args(int argc, char *argv[], struct opts *o)
{
	int	 c, i;

	memset(o, 0, sizeof(*o));
	o->in = "input";
	o->out = "out";
	o->month = o->stage = -1;
	o->only = PART_ALL;
	o->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (o->jobs < 1)
		o->jobs = 1;
	{
		struct stat st;

		o->themes = stat("themes", &st) == 0 && S_ISDIR(st.st_mode) ?
		    "themes" : THEMESDIR;
	}
	/* --help and --version work anywhere, without a command. */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		}
		if (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0) {
			printf("gridstar %s\n", VERSION);
			return EXIT_OK;
		}
	}
	if (argc < 2)
		return bad_usage("missing command: build or check%s", "");
	o->cmd = argv[1];
	if (strcmp(o->cmd, "build") != 0 && strcmp(o->cmd, "check") != 0)
		return bad_usage("unknown command '%s' (use build or check)",
		    o->cmd);
	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, ":i:o:m:s:t:j:hV", longopts, NULL))
	    != -1) {
		switch (c) {
		case 'i':
			o->in = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'm':
			if (date_month_parse(optarg, &o->month) == -1)
				return bad_usage("bad month '%s' (use YYYY-MM)",
				    optarg);
			break;
		case 's':
			if (strcmp(optarg, "notice") == 0)
				o->stage = STAGE_NOTICE;
			else if (strcmp(optarg, "final") == 0)
				o->stage = STAGE_FINAL;
			else
				return bad_usage("bad stage '%s' (use notice or "
				    "final)", optarg);
			break;
		case 't':
			o->themes = optarg;
			break;
		case 'j':
			if (strspn(optarg, "0123456789") != strlen(optarg) ||
			    (o->jobs = atoi(optarg)) < 1 || o->jobs > MAX_JOBS)
				return bad_usage("bad --jobs '%s' (use a number "
				    "from 1 to 64)", optarg);
			break;
		case 'O':
			if (parse_only(optarg, &o->only) == -1)
				return bad_usage("bad --only '%s' (use a comma "
				    "list of data, site, qr, boards)", optarg);
			break;
		case ':':
			return bad_usage("option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return bad_usage("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bad_usage("unexpected argument '%s'", argv[optind]);
	return -1;
}

/*
 * Check that the theme folder exists, so that a wrong [theme] name is
 * reported once rather than by every module.  0 or -1 (reported).
 */
static int
theme_check(const char *themes, const char *theme, struct diag *d)
{
	char		 path[PATH_MAX];
	struct stat	 st;

	snprintf(path, sizeof(path), "%s/%s", themes,
	    theme != NULL ? theme : "default");
	if (stat(path, &st) == -1) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_error(d, path, 0, 0, "not a folder");
		return -1;
	}
	return 0;
}

/* One piece of work: a part (PART_DATA, PART_SITE, or PART_QR|PART_BOARDS),
 * or the shard of one (config.h). */
struct task {
	unsigned	 part;
	int		 shard;
	int		 nshards;
};

static int
run_part(const struct task *t, const struct result *res, struct site *site,
    struct boards *boards, const char *stage, struct diag *d)
{
	if (t->part == PART_DATA)
		return export_write(res, stage, d);
	if (t->part == PART_SITE)
		return site_render(site, res, stage, t->shard, t->nshards, d);
	return boards_render_parts(boards, res, stage,
	    ((t->part & PART_QR) ? BOARDS_QR : 0) |
	    ((t->part & PART_BOARDS) ? BOARDS_PDF : 0), t->shard, t->nshards,
	    d);
}

/*
 * Write the parts asked for.  With jobs > 1 the pages and the boards are
 * split into shards by village (config.h), and the pieces run in
 * processes of their own, at most jobs at once, the long ones first.
 * Every file is written by exactly one piece, the same bytes whichever
 * process writes it, so the output does not depend on jobs.  A worker
 * prints its own messages and exits with the number of errors.  Returns
 * 0 or -1.
 */
static int
run_parts(const struct result *res, struct site *site, struct boards *boards,
    const char *stage, unsigned only, int jobs, struct diag *d)
{
	struct task	 tasks[3 + 2 * SHARDS_PER_JOB * MAX_JOBS], *t;
	unsigned	 bq = only & (PART_QR | PART_BOARDS);
	int		 n = 0, i, k, nsh, running = 0, st, failed = 0;
	pid_t		 pid, parent = getpid();

	if (jobs <= 1) {
		if (only & PART_DATA)
			tasks[n++] = (struct task){ PART_DATA, SHARD_ALL, 1 };
		if (only & PART_SITE)
			tasks[n++] = (struct task){ PART_SITE, SHARD_ALL, 1 };
		if (bq)
			tasks[n++] = (struct task){ bq, SHARD_ALL, 1 };
		for (i = 0; i < n; i++)
			if (run_part(&tasks[i], res, site, boards, stage, d)
			    == -1)
				return -1;
		return 0;
	}
	nsh = jobs * SHARDS_PER_JOB;
	if (only & PART_BOARDS)
		tasks[n++] = (struct task){ bq, SHARD_COMMON, nsh };
	if (only & PART_SITE)
		tasks[n++] = (struct task){ PART_SITE, SHARD_COMMON, nsh };
	for (k = 0; k < nsh; k++) {
		if (only & PART_SITE)
			tasks[n++] = (struct task){ PART_SITE, k, nsh };
		if (bq)
			tasks[n++] = (struct task){ bq, k, nsh };
	}
	if (only & PART_DATA)
		tasks[n++] = (struct task){ PART_DATA, SHARD_ALL, 1 };
	for (i = 0; i < n || running > 0; ) {
		if (i < n && running < jobs) {
			fflush(stdout);
			fflush(stderr);
			if ((pid = fork()) == -1) {
				diag_error(d, NULL, 0, 0, "cannot start a "
				    "process: %s", strerror(errno));
				failed = 1;
				i = n;
				continue;
			}
			if (pid == 0) {
				int before = diag_errors(d);

				/* A worker dies with its parent (killed runs). */
				if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
				    getppid() != parent)
					_exit(WORKER_FAILED);

				t = &tasks[i];
				if (run_part(t, res, site, boards, stage, d)
				    == -1 && diag_errors(d) == before)
					diag_error(d, NULL, 0, 0, "a worker "
					    "process failed");
				n = diag_errors(d) - before;
				_exit(n > WORKER_FAILED ? WORKER_FAILED : n);
			}
			running++;
			i++;
			continue;
		}
		if (wait(&st) == -1)
			break;
		running--;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			failed = 1;
			diag_add(d, WIFEXITED(st) ? WEXITSTATUS(st) : 1);
		}
	}
	return failed ? -1 : 0;
}

/*
 * The digest of everything a full publication is made from: the program,
 * the inputs, the month and stage, the theme and the boards' font.
 * Returns 0, or -1 when something could not be read (then no shortcut).
 */
static int
sources(const struct opts *o, const struct input *in,
    const struct boards *boards, char *hex)
{
	struct digest	 g;
	char		 buf[64];
	int		 rc = 0;

	digest_init(&g);
	digest_str(&g, VERSION);
	snprintf(buf, sizeof(buf), "%d/%d", in->month, in->stage);
	digest_str(&g, buf);
	rc |= digest_tree(&g, "/proc/self/exe");
	rc |= digest_tree(&g, in->dir);
	snprintf(buf, sizeof(buf), "%s", in->set.theme);
	digest_str(&g, buf);
	{
		struct buf t;

		buf_init(&t);
		buf_printf(&t, "%s/%s", o->themes, in->set.theme);
		rc |= t.data != NULL ? digest_tree(&g, t.data) : -1;
		buf_release(&t);
	}
	if (boards_font(boards) != NULL) {
		digest_str(&g, boards_font(boards));
		rc |= digest_tree(&g, boards_font(boards));
	}
	digest_hex(&g, hex);
	return rc == 0 ? 0 : -1;
}

/* Whether out holds a full publication made from exactly these sources. */
static int
up_to_date(const char *out, const char *hex)
{
	char	 path[PATH_MAX], got[DIGEST_HEX + 1];
	FILE	*f;
	int	 same;

	snprintf(path, sizeof(path), "%s/%s", out, BUILD_STAMP);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	same = fgets(got, sizeof(got), f) != NULL &&
	    strncmp(got, hex, DIGEST_HEX - 1) == 0;
	fclose(f);
	return same;
}

/*
 * Write the parts asked for into a staging folder, carry the others over
 * from the previous tree, and swap it in.  0 or -1.
 */
static int
publish(const struct result *res, struct site *site, struct boards *boards,
    const char *out, unsigned only, int jobs, const char *stamp,
    struct diag *d)
{
	/* Top-level folders of the parts other than the pages. */
	static const char *const parts[] = { "data", "qr", "boards", NULL };
	const char	*keep[4];
	char		*stage;
	int		 rc = -1, n = 0;

	if ((stage = fsout_stage(out, d)) == NULL)
		return -1;
	if (only != PART_ALL) {
		if (!(only & PART_DATA))
			keep[n++] = "data";
		if (!(only & PART_QR))
			keep[n++] = "qr";
		if (!(only & PART_BOARDS))
			keep[n++] = "boards";
		keep[n] = NULL;
		if (fsout_keep(stage, keep, 0, d) == -1 ||
		    (!(only & PART_SITE) && fsout_keep(stage, parts, 1, d) == -1))
			goto out;
		/* A partial run's tree is not made from one set of sources. */
		{
			char p[PATH_MAX];

			snprintf(p, sizeof(p), "%s/%s", stage, BUILD_STAMP);
			unlink(p);
		}
	}
	if (run_parts(res, site, boards, stage, only, jobs, d) == -1)
		goto out;
	if (stamp != NULL && fsout_write(stage, BUILD_STAMP, stamp,
	    strlen(stamp), d) == -1)
		goto out;
	if (fsout_commit(stage, out, d) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		fsout_remove(stage);
	free(stage);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct opts	 o;
	struct diag	*d;
	struct input	*in = NULL;
	struct result	*res = NULL;
	struct site	*site = NULL;
	struct boards	*boards = NULL;
	int		 rc, n;
	char		 mon[16], hex[DIGEST_HEX + 1];
	const char	*stamp = NULL;

	/*
	 * Keep freed memory for the next allocation instead of handing it
	 * back to the system: each month file's buffers are about the size
	 * of the last one's, and on the virtual machines offices use, memory
	 * the system hands out anew costs a page fault per 4 KB to touch
	 * (reading 100,000 grids: about a tenth of the time).  Blocks up to
	 * MALLOC_KEEP come from the heap; the heap is never trimmed.
	 */
	mallopt(M_MMAP_THRESHOLD, MALLOC_KEEP);
	mallopt(M_TRIM_THRESHOLD, INT_MAX);
	if ((rc = parse_args(argc, argv, &o)) != -1)
		return rc;
	if ((d = diag_new(stderr)) == NULL) {
		fputs("gridstar: out of memory\n", stderr);
		return EXIT_DATA;
	}
	rc = EXIT_DATA;
	in = input_load(o.in, o.month, o.stage, o.jobs, d);
	if (in == NULL)
		goto out;
	/* Theme and notices are inputs too: check them in the same run. */
	if (theme_check(o.themes, in->set.theme, d) == 0) {
		site = site_new(in, o.themes, in->set.theme, d);
		boards = boards_new(in, o.themes, in->set.theme, d);
	}
	if (diag_errors(d) > 0 || site == NULL || boards == NULL)
		goto out;
	if ((res = rules_run(in, o.jobs, d)) == NULL)
		goto out;
	date_month_fmt(mon, in->month);
	if (strcmp(o.cmd, "check") == 0) {
		printf("gridstar: %s: the inputs for %s are in order\n", o.in,
		    mon);
		rc = EXIT_OK;
		goto out;
	}
	/* Nothing changed since the last full publication: leave it be. */
	if (o.only == PART_ALL && sources(&o, in, boards, hex) == 0) {
		if (up_to_date(o.out, hex)) {
			/* A build killed after its swap left its old tree. */
			fsout_tidy(o.out);
			printf("gridstar: %s already holds %s (%s) made from "
			    "these inputs; nothing to do\n", o.out, mon,
			    in->stage == STAGE_FINAL ? "final" : "notice");
			rc = EXIT_OK;
			goto out;
		}
		strcat(hex, "\n");
		stamp = hex;
	}
	if (publish(res, site, boards, o.out, o.only, o.jobs, stamp, d) == -1)
		goto out;
	printf("gridstar: published %s (%s) to %s\n", mon,
	    in->stage == STAGE_FINAL ? "final" : "notice", o.out);
	rc = EXIT_OK;
out:
	diag_finish(d);
	if ((n = diag_errors(d)) > 0)
		fprintf(stderr, "gridstar: %d problem%s found; %s\n", n,
		    n == 1 ? "" : "s", strcmp(o.cmd, "check") != 0 ?
		    "nothing was published, the output folder is unchanged" :
		    n == 1 ? "fix it and run again" : "fix them and run again");
	boards_free(boards);
	site_free(site);
	rules_free(res);
	input_free(in);
	diag_free(d);
	return rc;
}
