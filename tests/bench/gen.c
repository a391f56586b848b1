/*
 * gen — synthetic but realistic gridstar input for benchmarks.
 *
 *   gen [-H HUGODIR] N OUTDIR [MONTHS]
 *
 * Writes OUTDIR/grids.csv, rules.csv, holidays.csv, site.ini and one folder
 * per month (the MONTHS months ending 2026-12, default 12) holding every
 * monthly file of RULES.md §2: inspections, evaluations, reviews, issues,
 * feedback and frontage.
 *
 * Shape: N level-3 sub-grids, 20 per village (ceil(N/20) villages), one
 * level-1 town per ~1000 sub-grids (at least one).  Ids are 15 digits like
 * the sample (county 6, town 3, village 3, sub-grid 3).  Every active
 * sub-grid is inspected every month on its two roads with 0-3 findings, so
 * every star can be derived (RULES.md §3 step 1, and step 2 for service).
 * Evaluations for about half the grids (a few cells filled), a few reviews,
 * 0-3 issues per grid, feedback for ~90 % of grids, about one frontage unit
 * per village.  A few sub-grids start or end mid-period (from/until).
 *
 * With -H, also writes HUGODIR: a minimal Hugo site with one content file
 * per level-2 and level-3 grid holding its figures in front matter (see
 * write_hugo), to time Hugo on the same pages.
 *
 * Deterministic: a fixed seed and its own PRNG; the same N and MONTHS give
 * the same bytes on every machine.  C11, no dependencies.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PER_VILLAGE	20
#define PER_TOWN	1000	/* sub-grids per level-1 grid */
#define LAST_YEAR	2026
#define LAST_MONTH	12

/* ---- PRNG: xoshiro-style state seeded with splitmix64 ----------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
splitmix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

static uint64_t
rnd(void)
{
	rng_state = splitmix(rng_state);
	return rng_state;
}

/* Uniform in [0, n). */
static unsigned
rn(unsigned n)
{
	return (unsigned)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/* Stable hash of (a, b): attributes that must not change month to month. */
static unsigned
hn(uint64_t a, uint64_t b, unsigned n)
{
	uint64_t h = splitmix(splitmix(a * 1000003ULL + 17) ^ b);

	return (unsigned)(((h >> 32) * (uint64_t)n) >> 32);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rn(NELEM(a))])
#define HPICK(a, x, y) ((a)[hn((x), (y), NELEM(a))])

/* ---- output helpers --------------------------------------------------- */

static FILE *
xopen(const char *dir, const char *name)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static void
xclose(FILE *f)
{
	if (ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		exit(1);
	}
}

static void
xmkdir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static const char BOM[] = "\xEF\xBB\xBF";

/* Unsigned decimal. */
static void
put_u(FILE *f, unsigned long v)
{
	char	 b[24];
	int	 i = sizeof b;

	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	fwrite(b + i, 1, sizeof b - (size_t)i, f);
}

/* v tenths, written like a spreadsheet would: 86, 86.5. */
static void
put_tenths(FILE *f, unsigned v)
{
	put_u(f, v / 10);
	if (v % 10 != 0) {
		putc('.', f);
		putc((int)('0' + v % 10), f);
	}
}

/* Zero-padded to width digits. */
static void
put_pad(FILE *f, unsigned long v, int width)
{
	char	 b[24];
	int	 i;

	for (i = width - 1; i >= 0; i--) {
		b[i] = (char)('0' + v % 10);
		v /= 10;
	}
	fwrite(b, 1, (size_t)width, f);
}

/* ---- ids and names ---------------------------------------------------- */

static long	n_sub, n_vil, n_town;

static unsigned long
town_county(long t)
{
	return 410101UL + (unsigned long)(t / 800);
}

static void
put_town_id(FILE *f, long t)
{
	put_u(f, town_county(t));
	put_pad(f, (unsigned long)(101 + t % 800), 3);
	fputs("000000", f);
}

static long
village_town(long v)
{
	return (long)((int64_t)v * n_town / n_vil);
}

static long
village_first(long v)	/* first village index of v's town */
{
	long	t = village_town(v);
	long	lo = (long)(((int64_t)t * n_vil + n_town - 1) / n_town);

	return lo;
}

static void
put_village_prefix(FILE *f, long v)
{
	long	t = village_town(v);

	put_u(f, town_county(t));
	put_pad(f, (unsigned long)(101 + t % 800), 3);
	put_pad(f, (unsigned long)(v - village_first(v) + 1), 3);
}

static void
put_village_id(FILE *f, long v)
{
	put_village_prefix(f, v);
	fputs("000", f);
}

static void
put_sub_id(FILE *f, long s)
{
	put_village_prefix(f, s / PER_VILLAGE);
	put_pad(f, (unsigned long)(s % PER_VILLAGE + 1), 3);
}

static const char *const CN_DIGIT[] = {
	"", "一", "二", "三", "四", "五", "六", "七", "八", "九"
};

/* 1..99 in Chinese numerals. */
static void
put_cn_num(FILE *f, unsigned n)
{
	if (n >= 20)
		fputs(CN_DIGIT[n / 10], f);
	if (n >= 10)
		fputs("十", f);
	if (n % 10 != 0 || n < 10)
		fputs(CN_DIGIT[n % 10], f);
}

static const char *const PLACE1[] = {
	"青", "柳", "金", "银", "石", "桃", "杏", "梨", "槐", "松", "竹", "梅",
	"兰", "新", "东", "西", "南", "北", "龙", "凤", "白", "黄", "红", "绿",
	"大", "小", "高", "安", "永", "福", "太", "长", "清", "明", "和", "兴"
};
static const char *const PLACE2[] = {
	"桐", "林", "水", "河", "山", "园", "庄", "桥", "湾", "岗", "塘", "坪",
	"沟", "集", "营", "寨", "店", "铺", "湖", "泉", "峰", "岭", "坡", "源",
	"平", "阳", "丰", "华", "宁", "城", "溪", "田", "口", "堡", "洼", "滩"
};
static const char *const ROADW[] = {
	"和平", "建设", "人民", "解放", "文化", "中山", "幸福", "新华", "光明",
	"胜利", "友谊", "团结", "东风", "朝阳", "青年", "工农", "育才", "花园",
	"滨河", "商贸", "金水", "长江", "黄河", "嵩山", "迎宾", "健康", "民主",
	"振兴", "兴业", "丰收", "纬一", "纬二", "经三", "经四", "北环", "南环"
};
static const char *const ROADS[] = { "路", "街", "巷", "大道", "中路", "北街" };
static const char *const PLACEK[] = {
	"小区", "家属院", "片区", "新村", "花园", "楼院", "安置区", "苑"
};
static const char *const INST[] = {
	"供电局", "粮食局", "纺织厂", "农机站", "电力公司", "医院", "实验小学",
	"新华书店", "邮政局", "水利局", "棉麻公司", "化肥厂", "食品厂", "税务所"
};
static const char *const SURNAME[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
	"唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
	"潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
	"任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
	"石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
	"欧阳", "司马"
};
static const char *const GIVEN[] = {
	"勇", "芳", "敏", "静", "磊", "洋", "艳", "杰", "娟", "涛", "明", "超",
	"秀英", "桂兰", "玉兰", "建国", "建伟", "志强", "文斌", "春燕", "海燕",
	"晓峰", "国庆", "新民", "红梅", "雪梅", "卫东", "书琴", "金凤", "长青",
	"保国", "占军", "小军", "振华", "俊杰", "爱民", "淑芳", "春生", "鹏",
	"霞", "洁", "伟", "丽", "强", "军", "平", "刚", "桂英", "秀兰", "德胜"
};
static const char *const SHOP1[] = {
	"万家福", "惠民", "鑫源", "王记", "老李家", "好又多", "百姓", "同仁",
	"金太阳", "四季青", "红星", "永盛", "聚鑫", "兴隆", "福满楼", "宏达",
	"家家乐", "顺心", "德润", "佳美"
};
static const char *const SHOP2[] = {
	"超市", "烩面馆", "大药房", "五金店", "便利店", "理发店", "家电城",
	"粮油店", "包子铺", "服装店", "汽修厂", "建材店", "烟酒店", "诊所",
	"农资店", "快递驿站", "餐馆", "水果店"
};
static const char *const CATEGORY[] = {
	"环境卫生", "市容秩序", "矛盾纠纷", "治安隐患", "基础设施", "民生服务",
	"安全生产"
};
static const char *const DETAIL[] = {
	"小区垃圾桶满溢未及时清运", "路灯不亮", "楼道堆放杂物", "邻里噪音纠纷",
	"下水道堵塞", "占道经营", "户外广告牌松动", "公厕设施损坏",
	"电动车楼道充电", "井盖缺失", "违章搭建", "流浪犬伤人隐患"
};
static const char *const NOTE[] = {
	"门前落地广告牌", "已当场整改", "复查仍未整改", "拍照留存", "店主不在",
	"责令限期整改"
};
static const char *const REASON[] = {
	"经复核，扣分问题在检查当日已整改到位",
	"经复核，问题属实，维持原评定",
	"异议部分成立: 建筑垃圾已于次日清运完毕",
	"经现场核查，问题不属于本网格责任区域"
};

static void
put_person(FILE *f, uint64_t key)
{
	fputs(HPICK(SURNAME, key, 1), f);
	fputs(HPICK(GIVEN, key, 2), f);
}

static void
put_phone(FILE *f, uint64_t key)
{
	static const char *const pre[] = {
		"130", "133", "135", "136", "138", "139", "150", "151", "153",
		"155", "158", "159", "180", "181", "186", "187", "188", "189"
	};

	fputs(HPICK(pre, key, 3), f);
	put_pad(f, hn(key, 4, 100000000u), 8);
}

/* ---- grid attributes -------------------------------------------------- */

enum zone { Z_URBAN, Z_LINK, Z_ECO };
static const char *const ZONE[] = { "集中居住", "连接过渡", "生态管护" };

static enum zone
village_zone(long v)
{
	unsigned z = hn((uint64_t)v, 10, 10);

	return z < 5 ? Z_URBAN : z < 8 ? Z_LINK : Z_ECO;
}

static void
put_village_name(FILE *f, long v)
{
	fputs(HPICK(PLACE1, v, 11), f);
	fputs(HPICK(PLACE2, v, 12), f);
	fputs(village_zone(v) == Z_URBAN ? "社区" : "村", f);
}

static void
put_sub_name(FILE *f, long s)
{
	unsigned	 k = (unsigned)(s % PER_VILLAGE) + 1;
	long		 v = s / PER_VILLAGE;

	switch (hn((uint64_t)s, 20, 8)) {
	case 0: case 1: case 2:
		if (village_zone(v) == Z_URBAN) {
			put_cn_num(f, k);
			fputs("网格", f);
		} else {
			fputs(HPICK(PLACE1, v, 11), f);
			fputs(HPICK(PLACE2, v, 12), f);
			put_cn_num(f, k);
			fputs("组", f);
		}
		break;
	case 3:
		put_u(f, k + hn((uint64_t)s, 21, 30));
		fputs("号楼院", f);
		break;
	case 4:
		fputs(HPICK(INST, s, 22), f);
		fputs("家属院", f);
		break;
	default:
		fputs(HPICK(ROADW, s, 23), f);
		fputs(HPICK(PLACEK, s, 24), f);
		if (hn((uint64_t)s, 25, 3) == 0)
			fputs(hn((uint64_t)s, 26, 2) ? "东区" : "西区", f);
		break;
	}
}

static void
put_town_name(FILE *f, long t)
{
	fputs(HPICK(PLACE1, t, 50), f);
	fputs(HPICK(PLACE2, t, 51), f);
	if (t >= (long)(NELEM(PLACE1) * NELEM(PLACE2)) / 4)
		put_u(f, (unsigned long)t);
	fputs(hn((uint64_t)t, 52, 3) ? "镇" : "街道", f);
}

/* Road j (0 or 1) of sub-grid s; stable across months, two distinct. */
static void
put_road(FILE *f, long s, int j)
{
	unsigned a = hn((uint64_t)s, 30, NELEM(ROADW));
	unsigned b = (a + 1 + hn((uint64_t)s, 31, NELEM(ROADW) - 1)) %
	    NELEM(ROADW);

	fputs(ROADW[j ? b : a], f);
	fputs(ROADS[hn((uint64_t)s, 32 + (uint64_t)j, NELEM(ROADS))], f);
}

/* ---- months ----------------------------------------------------------- */

static int	n_months;
static int	first_y, first_m;

static void
month_of(int i, int *y, int *m)
{
	int k = first_y * 12 + (first_m - 1) + i;

	*y = k / 12;
	*m = k % 12 + 1;
}

static int
days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/*
 * A few sub-grids come and go: in every 40th village the 19th sub-grid
 * starts in the middle month and the 20th ends the month before.
 * Returns the first and last active month index.
 */
static void
sub_span(long s, int *from, int *until)
{
	long	v = s / PER_VILLAGE;
	int	k = (int)(s % PER_VILLAGE);

	*from = 0;
	*until = n_months - 1;
	if (n_months < 4 || v % 40 != 7)
		return;
	if (k == 18)
		*from = n_months / 2;
	else if (k == 19)
		*until = n_months / 2 - 1;
}

static void
put_month(FILE *f, int i)
{
	int y, m;

	month_of(i, &y, &m);
	put_u(f, (unsigned long)y);
	putc('-', f);
	put_pad(f, (unsigned long)m, 2);
}

/* A date in one of the spellings an office's spreadsheet produces. */
static void
put_date(FILE *f, int y, int m, int d)
{
	while (d > days_in(y, m)) {
		d -= days_in(y, m);
		if (++m == 13) {
			m = 1;
			y++;
		}
	}
	switch (rn(8)) {
	case 0: case 1: case 2: case 3:	/* 2026/10/5 (Excel's default) */
		put_u(f, (unsigned long)y);
		putc('/', f);
		put_u(f, (unsigned long)m);
		putc('/', f);
		put_u(f, (unsigned long)d);
		break;
	case 4: case 5:
		put_u(f, (unsigned long)y);
		putc('-', f);
		put_pad(f, (unsigned long)m, 2);
		putc('-', f);
		put_pad(f, (unsigned long)d, 2);
		break;
	case 6:
		put_u(f, (unsigned long)y);
		putc('.', f);
		put_u(f, (unsigned long)m);
		putc('.', f);
		put_u(f, (unsigned long)d);
		break;
	default:
		put_u(f, (unsigned long)y);
		fputs("年", f);
		put_u(f, (unsigned long)m);
		fputs("月", f);
		put_u(f, (unsigned long)d);
		fputs("日", f);
		break;
	}
}

/* ---- fixed files ------------------------------------------------------ */

/* The sample's rules.csv (seed 001), verbatim. */
static const char RULES[] =
"代码,领域,扣分项,单位,面积界限,扣分,超限扣分,严重,#依据\n"
"A1,市场监管,店外经营、店外作业,处,4,2,4,,(一)店外经营\n"
"B1,市场监管,占道摊点、流动摊点,处,4,2,4,,(二)占道摊点\n"
"C1,市场监管,占道夜市摊点(含落地灯箱、炉子、桌椅、案板、肉架),处,,2,,,"
    "(三)占道夜市\n"
"D1,环境卫生,占道堆放,处,4,2,4,,(四)乱堆乱放\n"
"D2,环境卫生,落地广告牌,块,,2,,,(四)乱堆乱放\n"
"E1,市场监管,店招店牌破损,块,,5,,,(五)1\n"
"E2,市场监管,店招店牌字体、灯光残缺,处,,1,,,(五)2\n"
"E3,环境卫生,“牛皮癣”小广告,处,,3,,,(五)3\n"
"E4,环境卫生,招贴告示,处,,1,,,(五)3\n"
"E5,市场监管,户外广告设施未在限期内整改,处,,5,,否,"
    "(五)4 超出规定时限1个月仍未整改完毕的扣分加倍\n"
"E6,市场监管,指定户外广告(店招)整治任务未按时整改或拆除,处,,3,,,(五)5\n"
"F1,社会管理,停放车辆较多又无停放线,处,,5,,,(六)1(1)\n"
"F2,社会管理,非机动车停放方向不一致,辆,,1,,,(六)1(2)\n"
"F3,社会管理,群众投诉举报未及时整改,次,,5,,,(六)2(1)\n"
"F4,社会管理,新闻媒体曝光,次,,5,,是,(六)2(2)\n"
"F5,工作评价,整改通知书未按时整改,项,,2,,否,(六)3(1)\n"
"F6,工作评价,月整改率低于90%,项,,10,,,(六)3(2)\n"
"G1,环境卫生,橱窗张贴(含沿街台阶、立柱、外立面),处,,0.5,,,(七)\n"
"H1,工作评价,未做到定人定时巡查,例,,1,,,(八)1\n"
"H2,环境卫生,无主垃圾、零星渣土、建筑垃圾,处,,2,,,(八)2\n"
"H3,环境卫生,建筑垃圾未在规定时间内清理,处,,2,,是,(八)2\n"
"H4,环境卫生,垃圾清理不彻底,处,,2,,,(八)2\n"
"H5,环境卫生,道路积存垃圾,处,,3,,,(八)3\n"
"H6,环境卫生,小街巷积存垃圾,处,,3,,,(八)3\n"
"H7,环境卫生,居民小区内积存建筑垃圾,处,,3,,,(八)3\n";

/* Items to draw findings from, weighted; 1 = has an area threshold. */
static const struct item {
	const char	*code;
	int		 weight;
	int		 area;
} ITEMS[] = {
	{ "A1", 10, 1 }, { "B1", 8, 1 }, { "C1", 5, 0 }, { "D1", 8, 1 },
	{ "D2", 6, 0 }, { "E1", 3, 0 }, { "E2", 5, 0 }, { "E3", 6, 0 },
	{ "E4", 5, 0 }, { "E5", 1, 0 }, { "E6", 2, 0 }, { "F1", 4, 0 },
	{ "F2", 8, 0 }, { "F3", 2, 0 }, { "F4", 1, 0 }, { "F5", 3, 0 },
	{ "F6", 1, 0 }, { "G1", 6, 0 }, { "H1", 3, 0 }, { "H2", 5, 0 },
	{ "H3", 1, 0 }, { "H4", 6, 0 }, { "H5", 4, 0 }, { "H6", 4, 0 },
	{ "H7", 2, 0 }
};

static const struct item *
pick_item(void)
{
	static int	 total;
	size_t		 i;
	int		 r;

	if (total == 0)
		for (i = 0; i < NELEM(ITEMS); i++)
			total += ITEMS[i].weight;
	r = (int)rn((unsigned)total);
	for (i = 0; i < NELEM(ITEMS); i++)
		if ((r -= ITEMS[i].weight) < 0)
			return &ITEMS[i];
	return &ITEMS[0];
}

/* The sample's holidays.csv (2025 and 2026). */
static const char HOLIDAYS[] =
"date,kind,#name\n"
"2025-01-01,休,元旦\n2025-01-26,班,春节调休上班\n2025-01-28,休,春节\n"
"2025-01-29,休,春节\n2025-01-30,休,春节\n2025-01-31,休,春节\n"
"2025-02-01,休,春节\n2025-02-02,休,春节\n2025-02-03,休,春节\n"
"2025-02-04,休,春节\n2025-02-08,班,春节调休上班\n2025-04-04,休,清明节\n"
"2025-04-05,休,清明节\n2025-04-06,休,清明节\n"
"2025-04-27,班,劳动节调休上班\n2025-05-01,休,劳动节\n"
"2025-05-02,休,劳动节\n2025-05-03,休,劳动节\n2025-05-04,休,劳动节\n"
"2025-05-05,休,劳动节\n2025-05-31,休,端午节\n2025-06-01,休,端午节\n"
"2025-06-02,休,端午节\n2025-09-28,班,国庆节、中秋节调休上班\n"
"2025-10-01,休,国庆节、中秋节\n2025-10-02,休,国庆节、中秋节\n"
"2025-10-03,休,国庆节、中秋节\n2025-10-04,休,国庆节、中秋节\n"
"2025-10-05,休,国庆节、中秋节\n2025-10-06,休,国庆节、中秋节\n"
"2025-10-07,休,国庆节、中秋节\n2025-10-08,休,国庆节、中秋节\n"
"2025-10-11,班,国庆节、中秋节调休上班\n"
"2026/1/1,holiday,元旦\n2026/1/2,holiday,元旦\n2026/1/3,holiday,元旦\n"
"2026/1/4,workday,元旦调休上班\n2026/2/14,workday,春节调休上班\n"
"2026/2/15,holiday,春节\n2026/2/16,holiday,春节\n2026/2/17,holiday,春节\n"
"2026/2/18,holiday,春节\n2026/2/19,holiday,春节\n2026/2/20,holiday,春节\n"
"2026/2/21,holiday,春节\n2026/2/22,holiday,春节\n2026/2/23,holiday,春节\n"
"2026/2/28,workday,春节调休上班\n2026/4/4,holiday,清明节\n"
"2026/4/5,holiday,清明节\n2026/4/6,holiday,清明节\n"
"2026/5/1,holiday,劳动节\n2026/5/2,holiday,劳动节\n"
"2026/5/3,holiday,劳动节\n2026/5/4,holiday,劳动节\n"
"2026/5/5,holiday,劳动节\n2026/5/9,workday,劳动节调休上班\n"
"2026/6/19,holiday,端午节\n2026/6/20,holiday,端午节\n"
"2026/6/21,holiday,端午节\n2026/9/20,workday,国庆节调休上班\n"
"2026/9/25,holiday,中秋节\n2026/9/26,holiday,中秋节\n"
"2026/9/27,holiday,中秋节\n2026/10/1,holiday,国庆节\n"
"2026/10/2,holiday,国庆节\n2026/10/3,holiday,国庆节\n"
"2026/10/4,holiday,国庆节\n2026/10/5,holiday,国庆节\n"
"2026/10/6,holiday,国庆节\n2026/10/7,holiday,国庆节\n"
"2026/10/10,workday,国庆节调休上班\n";

static void
write_fixed(const char *dir)
{
	FILE	*f;

	f = xopen(dir, "rules.csv");
	fputs(RULES, f);
	xclose(f);

	f = xopen(dir, "holidays.csv");
	fputs(HOLIDAYS, f);
	xclose(f);

	f = xopen(dir, "site.ini");
	fputs("; 合成基准数据(tests/bench/gen): ", f);
	put_u(f, (unsigned long)n_sub);
	fputs(" 个三级网格\n\n[site]\ntitle = ", f);
	fputs(n_town > 1 ? "示范县" : "青桐街道", f);
	fputs("网格星级评定公示\nbase_url = https://wgh.example.gov.cn/\n"
	    "hotline = 0371-12345678\n\n[publication]\nmonth = ", f);
	put_month(f, n_months - 1);
	fputs("\nstage = notice\nobjection_days = 5\n\n[subsidy]\n"
	    "base = 1000\n\n[theme]\nname = default\n", f);
	xclose(f);
}

/* ---- grids.csv -------------------------------------------------------- */

static void
put_base(FILE *f, uint64_t key)
{
	static const char *const base[] = {
		"", "", "800", "900", "1000", "1000", "1100", "1200", "1300",
		"1400", "1500", "1050.50"
	};

	fputs(HPICK(base, key, 40), f);
}

static void
write_grids(const char *dir)
{
	FILE	*f = xopen(dir, "grids.csv");
	long	 t, v, s;
	int	 from, until;

	fputs(BOM, f);
	fputs("编号,名称,级别,上级,网格长,电话,奖补标准,类别,分区,户数,"
	    "起始月份,截止月份\n", f);
	for (t = 0, v = 0, s = 0; t < n_town; t++) {
		put_town_id(f, t);
		putc(',', f);
		put_town_name(f, t);
		fputs(",1,,", f);
		put_person(f, (uint64_t)t * 7 + 1);
		putc(',', f);
		put_phone(f, (uint64_t)t * 7 + 1);
		fputs(",,,,,,\n", f);
		for (; v < n_vil && village_town(v) == t; v++) {
			put_village_id(f, v);
			putc(',', f);
			put_village_name(f, v);
			fputs(",2,", f);
			put_town_id(f, t);
			putc(',', f);
			put_person(f, (uint64_t)v * 7 + 2);
			putc(',', f);
			put_phone(f, (uint64_t)v * 7 + 2);
			putc(',', f);
			put_base(f, (uint64_t)v * 7 + 2);
			putc(',', f);
			putc("ABC"[hn((uint64_t)v, 41, 3)], f);
			putc(',', f);
			fputs(ZONE[village_zone(v)], f);
			putc(',', f);
			put_u(f, 600 + hn((uint64_t)v, 42, 2000));
			fputs(",,\n", f);
			for (; s < n_sub && s / PER_VILLAGE == v; s++) {
				put_sub_id(f, s);
				putc(',', f);
				put_sub_name(f, s);
				fputs(",3,", f);
				put_village_id(f, v);
				putc(',', f);
				put_person(f, (uint64_t)s * 7 + 3);
				putc(',', f);
				put_phone(f, (uint64_t)s * 7 + 3);
				putc(',', f);
				put_base(f, (uint64_t)s * 7 + 3);
				putc(',', f);
				putc("ABC"[hn((uint64_t)s, 41, 3)], f);
				putc(',', f);
				fputs(ZONE[hn((uint64_t)s, 43, 4) == 0 ?
				    hn((uint64_t)s, 44, 3) : village_zone(v)], f);
				putc(',', f);
				put_u(f, 50 + hn((uint64_t)s, 45, 600));
				putc(',', f);
				sub_span(s, &from, &until);
				if (from > 0)
					put_month(f, from);
				putc(',', f);
				if (until < n_months - 1)
					put_month(f, until);
				putc('\n', f);
			}
		}
	}
	xclose(f);
}

/* ---- monthly files ---------------------------------------------------- */

static int
active(long s, int i)
{
	int from, until;

	sub_span(s, &from, &until);
	return i >= from && i <= until;
}

static void
write_inspections(const char *mdir, int i)
{
	FILE	*f = xopen(mdir, "inspections.csv");
	long	 s;
	unsigned n, k, j, r;
	int	 used[2];

	(void)i;
	fputs("grid,road,item,area,count,factor,note\n", f);
	for (s = 0; s < n_sub; s++) {
		if (!active(s, i))
			continue;
		r = rn(100);
		n = r < 30 ? 0 : r < 65 ? 1 : r < 85 ? 2 : 3;
		used[0] = used[1] = 0;
		for (k = 0; k < n; k++) {
			const struct item *it = pick_item();

			j = rn(2);
			used[j] = 1;
			put_sub_id(f, s);
			putc(',', f);
			put_road(f, s, (int)j);
			putc(',', f);
			fputs(it->code, f);
			putc(',', f);
			if (it->area)	/* 0.5 .. 8.0 square metres */
				put_tenths(f, 5 + rn(76));
			putc(',', f);
			if (rn(4) == 0)
				put_u(f, 1 + rn(3));
			putc(',', f);
			if (rn(30) == 0)
				putc('2', f);
			putc(',', f);
			if (rn(10) == 0)
				fputs(PICK(NOTE), f);
			putc('\n', f);
		}
		for (j = 0; j < 2; j++) {
			if (used[j])
				continue;
			put_sub_id(f, s);
			putc(',', f);
			put_road(f, s, (int)j);
			fputs(",,,,,\n", f);
		}
	}
	xclose(f);
}

static void
write_evaluations(const char *mdir, int i)
{
	static const char *const val[] = {
		"red", "none", "black", "红星", "无星", "黑星", "★", "☆", "●"
	};
	FILE	*f = xopen(mdir, "evaluations.csv");
	long	 s;
	unsigned d;

	fputs(BOM, f);
	/* grid, market, environment, social, service, work, self */
	fputs("网格,市场监管,环境卫生,社会管理,公共服务,工作评价,自评\n", f);
	for (s = 0; s < n_sub; s++) {
		if (!active(s, i) || rn(2) != 0)
			continue;
		put_sub_id(f, s);
		putc(',', f);
		if (rn(25) == 0) {	/* one initial assessment */
			d = rn(5);
			for (unsigned c = 0; c < 5; c++) {
				if (c == d)
					fputs(PICK(val), f);
				putc(',', f);
			}
		} else
			fputs(",,,,,", f);
		put_u(f, 2 + rn(4));
		putc('\n', f);
	}
	xclose(f);
}

static void
write_reviews(const char *mdir, int i)
{
	static const char *const dom[] = {
		"market", "social", "service", "environment", "work",
		"市场监管", "社会管理", "公共服务", "环境卫生", "工作评价"
	};
	static const char *const val[] = { "red", "无星", "红星", "none" };
	FILE	*f = xopen(mdir, "reviews.csv");
	long	 n = n_sub / 400 + 1, k, s, step;

	fputs(BOM, f);
	fputs("网格,领域,结果,理由\n", f);
	/* Distinct grids: a stride through the sub-grids. */
	step = n_sub / n;
	if (step < 1)
		step = 1;
	for (k = 0, s = rn((unsigned)step); k < n && s < n_sub; k++,
	    s += step) {
		if (!active(s, i))
			continue;
		put_sub_id(f, s);
		putc(',', f);
		fputs(PICK(dom), f);
		putc(',', f);
		fputs(PICK(val), f);
		putc(',', f);
		fputs(PICK(REASON), f);
		putc('\n', f);
	}
	xclose(f);
}

static void
write_issues(const char *mdir, int i)
{
	FILE		*f = xopen(mdir, "issues.csv");
	long		 s;
	unsigned long	 seq = 0;
	unsigned	 n, k, r, day, late;
	int		 y, m, nd;

	month_of(i, &y, &m);
	nd = days_in(y, m);
	fputs("id,reported,grid,category,scope,resolved,satisfied,detail\n",
	    f);
	for (s = 0; s < n_sub; s++) {
		if (!active(s, i))
			continue;
		r = rn(100);
		n = r < 35 ? 0 : r < 70 ? 1 : r < 90 ? 2 : 3;
		for (k = 0; k < n; k++) {
			putc('I', f);
			put_u(f, (unsigned long)y);
			put_pad(f, (unsigned long)m, 2);
			put_pad(f, ++seq, 7);
			putc(',', f);
			day = 1 + rn((unsigned)nd);
			put_date(f, y, m, (int)day);
			putc(',', f);
			put_sub_id(f, s);
			putc(',', f);
			fputs(PICK(CATEGORY), f);
			putc(',', f);
			r = rn(10);
			fputs(r < 7 ? (r < 4 ? "community" : "社区") :
			    (r < 9 ? "department" : "部门"), f);
			putc(',', f);
			r = rn(100);
			if (r < 88) {	/* resolved, mostly within a week */
				late = r < 70 ? rn(4) : r < 82 ? rn(8) :
				    rn(20);
				put_date(f, y, m, (int)(day + late));
				putc(',', f);
				r = rn(20);
				fputs(r < 14 ? "yes" : r < 16 ? "是" :
				    r < 18 ? "no" : "", f);
			} else
				putc(',', f);
			putc(',', f);
			r = rn(10);
			if (r < 3)
				fputs(PICK(DETAIL), f);
			else if (r == 3) {	/* quoted, with a comma and a line */
				fputs("\"居民来电反映:\n", f);
				fputs(PICK(DETAIL), f);
				fputs("\n已转交物业,跟踪回访\"", f);
			}
			putc('\n', f);
		}
	}
	xclose(f);
}

static void
write_feedback(const char *mdir, int i)
{
	FILE	*f = xopen(mdir, "feedback.csv");
	long	 s;
	unsigned base, c;

	fputs("grid,#备注,residents,village,departments,self\n", f);
	for (s = 0; s < n_sub; s++) {
		if (!active(s, i) || rn(10) == 0)
			continue;
		put_sub_id(f, s);
		putc(',', f);
		if (rn(50) == 0)
			fputs("电话回访", f);
		/* Scores around a grid's own level, 50 .. 100. */
		base = 600 + hn((uint64_t)s, 60, 300);
		for (c = 0; c < 4; c++) {
			unsigned v = base + rn(150);

			putc(',', f);
			put_tenths(f, v > 1000 ? 1000 : v);
		}
		putc('\n', f);
	}
	xclose(f);
}

/* One unit per village (and a second in every third), stable ids. */
static void
write_frontage(const char *mdir, int i)
{
	FILE	*f = xopen(mdir, "frontage.csv");
	long	 v, u;
	unsigned k, nu;

	(void)i;
	fputs(BOM, f);
	fputs("单位编号,单位名称,网格,到岗,行为规范,管理效果,领导评定\n", f);
	for (v = 0; v < n_vil; v++) {
		nu = v % 3 == 0 ? 2 : 1;
		for (k = 0; k < nu; k++) {
			u = v * 2 + (long)k;
			if (rn(20) == 0)	/* not scored this month */
				continue;
			fputs("MQ", f);
			put_pad(f, (unsigned long)u + 1, 6);
			putc(',', f);
			fputs(HPICK(SHOP1, u, 70), f);
			fputs(HPICK(SHOP2, u, 71), f);
			putc(',', f);
			/* The village itself or its first sub-grid (never
			 * inactive). */
			if (hn((uint64_t)u, 72, 2) == 0 ||
			    v * PER_VILLAGE >= n_sub)
				put_village_id(f, v);
			else
				put_sub_id(f, v * PER_VILLAGE);
			putc(',', f);
			put_tenths(f, 150 + 5 * rn(31));	/* 15 .. 30 */
			putc(',', f);
			put_tenths(f, 150 + 5 * rn(31));
			putc(',', f);
			put_tenths(f, 150 + 5 * rn(31));
			putc(',', f);
			put_tenths(f, 50 + 5 * rn(11));	/* 5 .. 10 */
			putc('\n', f);
		}
	}
	xclose(f);
}

/* ---- the same pages for Hugo ------------------------------------------ */

/*
 * HUGODIR/config.toml, layouts/ and content/g/<id>.md: one page per level-2
 * and level-3 grid, its figures in front matter (name, parents, leader,
 * and per month: stars, the five domain stars, scores, rank, subsidy,
 * warning), rendered by a minimal single.html.
 */
static void
put_hugo_months(FILE *f, long key, int level)
{
	static const char *const star[] = { "red", "red", "red", "none",
	    "black" };
	static const char *const warn[] = { "none", "blue", "yellow",
	    "orange", "red" };
	int		 i, c, reds, nones, blacks;
	const char	*d[5];
	unsigned	 score;

	fputs("months:\n", f);
	for (i = 0; i < n_months; i++) {
		reds = nones = blacks = 0;
		for (c = 0; c < 5; c++) {
			d[c] = star[rn(NELEM(star))];
			reds += d[c][0] == 'r';
			nones += d[c][0] == 'n';
			blacks += d[c][0] == 'b';
		}
		score = 8000 + rn(2001);
		fputs("  - month: \"", f);
		put_month(f, i);
		fputs("\"\n    stars: ", f);
		put_u(f, (unsigned long)reds);
		if (level == 3) {
			fputs("\n    market: ", f);
			fputs(d[0], f);
			fputs("\n    social: ", f);
			fputs(d[1], f);
			fputs("\n    service: ", f);
			fputs(d[2], f);
			fputs("\n    environment: ", f);
			fputs(d[3], f);
			fputs("\n    work: ", f);
			fputs(d[4], f);
		}
		fputs("\n    inspection_score: \"", f);
		put_u(f, score / 100);
		putc('.', f);
		put_pad(f, score % 100, 2);
		putc('"', f);
		fputs("\n    monthly_score: \"", f);
		score += reds == 5 ? 200 : 0;
		put_u(f, score / 100);
		putc('.', f);
		put_pad(f, score % 100, 2);
		putc('"', f);
		fputs("\n    rank_town: ", f);
		put_u(f, 1 + rn(level == 3 ? 1000 : 50));
		fputs("\n    subsidy: ", f);
		fputs(reds == 5 ? "\"1200.00\"" : reds == 4 ? "\"800.00\"" :
		    reds == 3 ? "\"600.00\"" : "\"0.00\"", f);
		fputs("\n    warning: ", f);
		fputs(warn[blacks >= 2 ? 4 : blacks == 1 ? 3 : nones >= 2 ? 2 :
		    nones == 1 ? 1 : 0], f);
		fputs("\n    reported: ", f);
		put_u(f, rn(4));
		fputs("\n    closure_rate: 0.", f);
		put_pad(f, 8000 + rn(2000), 4);
		fputs("\n    feedback_score: \"", f);
		put_u(f, 70 + rn(30));
		fputs(".", f);
		put_pad(f, rn(100), 2);
		putc('"', f);
		putc('\n', f);
	}
	(void)key;
}

static void
write_hugo(const char *hdir)
{
	char	 path[4096];
	FILE	*f;
	long	 v, s, t;

	xmkdir(hdir);
	snprintf(path, sizeof path, "%s/layouts", hdir);
	xmkdir(path);
	snprintf(path, sizeof path, "%s/layouts/_default", hdir);
	xmkdir(path);
	snprintf(path, sizeof path, "%s/content", hdir);
	xmkdir(path);
	snprintf(path, sizeof path, "%s/content/g", hdir);
	xmkdir(path);

	f = xopen(hdir, "config.toml");
	fputs("baseURL = \"https://wgh.example.gov.cn/\"\n"
	    "languageCode = \"zh-cn\"\ntitle = \"网格星级评定公示\"\n"
	    "disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", "
	    "\"robotsTXT\", \"404\"]\n", f);
	xclose(f);

	f = xopen(hdir, "layouts/_default/single.html");
	fputs("<!doctype html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\">\n<title>{{ .Title }} · {{ .Site.Title }}"
	    "</title></head>\n<body>\n<h1>{{ .Title }}</h1>\n"
	    "<p>{{ .Params.town }} {{ .Params.village }} 编号 {{ .Params.id }}"
	    " 网格长 {{ .Params.leader }} 电话 {{ .Params.phone }}</p>\n"
	    "<table>\n<tr><th>月份</th><th>星级</th><th>市场监管</th>"
	    "<th>社会管理</th><th>公共服务</th><th>环境卫生</th>"
	    "<th>工作评价</th><th>检查得分</th><th>月考核得分</th>"
	    "<th>镇内排名</th><th>奖补</th><th>预警</th><th>上报</th>"
	    "<th>结案率</th><th>360评价</th></tr>\n"
	    "{{ range .Params.months }}<tr><td>{{ .month }}</td>"
	    "<td>{{ .stars }}</td><td>{{ .market }}</td><td>{{ .social }}</td>"
	    "<td>{{ .service }}</td><td>{{ .environment }}</td>"
	    "<td>{{ .work }}</td><td>{{ .inspection_score }}</td>"
	    "<td>{{ .monthly_score }}</td><td>{{ .rank_town }}</td>"
	    "<td>{{ .subsidy }}</td><td>{{ .warning }}</td>"
	    "<td>{{ .reported }}</td><td>{{ .closure_rate }}</td>"
	    "<td>{{ .feedback_score }}</td></tr>\n{{ end }}</table>\n"
	    "</body></html>\n", f);
	xclose(f);

	f = xopen(hdir, "layouts/_default/list.html");
	fputs("<!doctype html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n"
	    "<body><h1>{{ .Title }}</h1><p>{{ len .Pages }}</p></body></html>\n",
	    f);
	xclose(f);

	for (v = 0, s = 0; v < n_vil; v++) {
		t = village_town(v);
		{
			char	 name[64];
			FILE	*mem;

			mem = fmemopen(name, sizeof name, "w");
			put_village_id(mem, v);
			putc('\0', mem);
			fclose(mem);
			snprintf(path, sizeof path, "content/g/%s.md", name);
		}
		f = xopen(hdir, path);
		fputs("---\ntitle: \"", f);
		put_village_name(f, v);
		fputs("\"\nid: \"", f);
		put_village_id(f, v);
		fputs("\"\nlevel: 2\ntown: \"", f);
		put_town_name(f, t);
		fputs("\"\nvillage: \"\"\nleader: \"", f);
		put_person(f, (uint64_t)v * 7 + 2);
		fputs("\"\nphone: \"", f);
		put_phone(f, (uint64_t)v * 7 + 2);
		fputs("\"\n", f);
		put_hugo_months(f, v, 2);
		fputs("---\n", f);
		xclose(f);
		for (; s < n_sub && s / PER_VILLAGE == v; s++) {
			char	 name[64];
			FILE	*mem;

			mem = fmemopen(name, sizeof name, "w");
			put_sub_id(mem, s);
			putc('\0', mem);
			fclose(mem);
			snprintf(path, sizeof path, "content/g/%s.md", name);
			f = xopen(hdir, path);
			fputs("---\ntitle: \"", f);
			put_sub_name(f, s);
			fputs("\"\nid: \"", f);
			fputs(name, f);
			fputs("\"\nlevel: 3\ntown: \"", f);
			put_town_name(f, t);
			fputs("\"\nvillage: \"", f);
			put_village_name(f, v);
			fputs("\"\nleader: \"", f);
			put_person(f, (uint64_t)s * 7 + 3);
			fputs("\"\nphone: \"", f);
			put_phone(f, (uint64_t)s * 7 + 3);
			fputs("\"\n", f);
			put_hugo_months(f, s, 3);
			fputs("---\n", f);
			xclose(f);
		}
	}
}

int
main(int argc, char **argv)
{
	char	 mdir[4096];
	char	*end;
	long	 n;
	const char *hugo = NULL;
	int	 i, y, m;

	if (argc > 2 && strcmp(argv[1], "-H") == 0) {
		hugo = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen [-H HUGODIR] N OUTDIR [MONTHS]\n");
		return 2;
	}
	n = strtol(argv[1], &end, 10);
	if (*end != '\0' || n < 1 || n > 10000000) {
		fprintf(stderr, "gen: N must be 1 .. 10000000\n");
		return 2;
	}
	n_months = 12;
	if (argc == 4) {
		n_months = (int)strtol(argv[3], &end, 10);
		if (*end != '\0' || n_months < 1 || n_months > 240) {
			fprintf(stderr, "gen: MONTHS must be 1 .. 240\n");
			return 2;
		}
	}
	n_sub = n;
	n_vil = (n + PER_VILLAGE - 1) / PER_VILLAGE;
	n_town = n / PER_TOWN;
	if (n_town < 1)
		n_town = 1;
	if (n_town > n_vil)
		n_town = n_vil;
	/* The months ending LAST_YEAR-LAST_MONTH. */
	i = LAST_YEAR * 12 + (LAST_MONTH - 1) - (n_months - 1);
	first_y = i / 12;
	first_m = i % 12 + 1;

	xmkdir(argv[2]);
	write_fixed(argv[2]);
	write_grids(argv[2]);
	for (i = 0; i < n_months; i++) {
		month_of(i, &y, &m);
		snprintf(mdir, sizeof mdir, "%s/%04d-%02d", argv[2], y, m);
		xmkdir(mdir);
		write_inspections(mdir, i);
		write_evaluations(mdir, i);
		write_reviews(mdir, i);
		write_issues(mdir, i);
		write_feedback(mdir, i);
		write_frontage(mdir, i);
	}
	if (hugo != NULL)
		write_hugo(hugo);
	return 0;
}
