"""Score a feed of articles with credence on Apache Spark, one story per place.

credence is a pure function of one story's articles: consensus needs the whole story and
nothing crosses stories. So the job keys every article by its story, sends each story whole
to one partition (Spark's hash of the key: the same on every executor and every run, unlike
Python's salted ``hash()``), and streams each partition through the credence binary shipped
with the job. The output is what ``credence score FEED --format jsonl`` gives on one machine,
line for line.

The records never pass through Python: Spark reads them, keys them (``get_json_object``),
shuffles them and pipes each partition through the binary with ``TRANSFORM … USING``, all in
the JVM. Python only plans the job.

Batch::

    spark-submit --files target/release/credence,rules.toml \\
        integrations/spark/credence_spark.py --input 'feed/*.jsonl' --output out/ \\
        [--rules rules.toml] [--cluster] [--outlets] [--output-format parquet]

Streaming (a directory that JSONL files arrive in; Kafka is a one-line change, see
docs/scale-out.md)::

    spark-submit ... credence_spark.py --stream --input incoming/ --output out/ \\
        --checkpoint ckpt/ --window-days 14

Every input line that is not an article comes out as an error row in ``errors/``; the job
never fails for a bad article. A partition whose binary fails is retried by Spark.
"""

import argparse
import os
import shlex
import sys
from datetime import timedelta

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# The path field of an article the binary read from its standard input.
STDIN_PATH = '"path":"-",'


def shipped(name):
    """A file shipped with ``--files``: where executors find it (their working directory on
    a cluster, the driver's SparkFiles directory in local mode), else the path given."""
    base = os.path.basename(name)
    local = SparkFiles.get(base)
    return base, (local if os.path.exists(local) else name)


def command(opts, args):
    """The shell command a partition is piped through: the shipped binary with ``args``.
    Exit 1 means some inputs failed (their error rows are in the output, and the job goes
    on); any other failure fails the task, which Spark retries."""
    base, local = shipped(opts.binary)
    words = list(args)
    for r in opts.rules:
        r_base, r_local = shipped(r)
        words += ["--rules", "$(test -f ./%s && echo ./%s || echo %s)" % (
            shlex.quote(r_base), shlex.quote(r_base), shlex.quote(r_local))]
    script = (
        'b=./{base}; test -f "$b" || b={local}; chmod +x "$b" 2>/dev/null; '
        '"$b" {args} 2>/dev/null; test $? -le 1'
    ).format(base=shlex.quote(base), local=shlex.quote(local), args=" ".join(words))
    return "sh -c " + shlex.quote(script)


def transform(spark, df, cmd, view):
    """``df``'s ``value`` column piped through ``cmd``, one output line per row."""
    df.createOrReplaceTempView(view)
    sql = "SELECT TRANSFORM(value) USING '%s' AS (line STRING) FROM %s" % (
        cmd.replace("\\", "\\\\").replace("'", "\\'"),
        view,
    )
    # The view lives in the frame's own session (a streaming batch runs in a session of
    # its own).
    return df.sparkSession.sql(sql)


def read_lines(spark, opts, source=None):
    """The feed as JSON lines in a ``value`` column, with the file each came from: JSONL read
    as text (each record kept as written), Parquet rows turned back into JSON."""
    source = source or opts.input
    if opts.input_format == "parquet":
        df = spark.read.parquet(source)
        df = df.select(F.to_json(F.struct(*df.columns)).alias("value"))
    else:
        df = spark.read.text(source)
    return df.withColumn("file", F.input_file_name()).where(F.trim("value") != "")


def split_malformed(df):
    """(lines that parse as JSON, keyed by their story; error rows for those that do not).
    The binary reports every other kind of bad record itself. Each line is parsed once for
    its story; only a line without one is parsed again to tell a record without a story from
    one that is no JSON at all."""
    story = F.get_json_object("value", "$.story")
    keyed = df.withColumn("story", F.when(F.trim(story) != "", story))
    malformed = F.col("story").isNull() & F.get_json_object("value", "$").isNull()
    bad = keyed.where(malformed).select(
        F.to_json(
            F.struct(
                F.struct(
                    F.col("file").alias("path"),
                    F.lit("not valid JSON").alias("message"),
                    F.substring("value", 1, 200).alias("record"),
                ).alias("error")
            )
        ).alias("line")
    )
    return keyed.where(~malformed).select("value", "story"), bad


def with_story(df):
    story = F.get_json_object("value", "$.story")
    return df.withColumn("story", F.when(F.trim(story) != "", story))


def assign_clusters(spark, opts, df):
    """Articles without a story key get one from credence's own clustering, run once over
    all of them (the stories they form are found by comparing them with each other)."""
    missing = df.where(F.col("story").isNull())
    if missing.limit(1).count() == 0:
        return df
    cmd = command(opts, ["stories", "-", "--cluster", "--format", "jsonl", "--no-config"])
    found = transform(spark, missing.coalesce(1), cmd, "credence_unassigned").where(
        F.col("line").startswith('{"id"')
    )
    assignment = found.select(
        F.get_json_object("line", "$.id").alias("cluster_id"),
        F.get_json_object("line", "$.story").alias("cluster_story"),
    )
    # Give each article its story in the record itself, as if the feed had carried it.
    keyed = df.withColumn("record_id", F.get_json_object("value", "$.id")).join(
        assignment, F.col("record_id") == F.col("cluster_id"), "left"
    )
    # The key goes last: a record's own empty or null "story" would otherwise win.
    quoted = F.regexp_replace(F.to_json(F.array("cluster_story")), r"^\[|\]$", "")
    value = F.when(
        F.col("story").isNull() & F.col("cluster_story").isNotNull(),
        F.concat(
            F.regexp_replace("value", r"\}\s*$", ""), F.lit(',"story":'), quoted, F.lit("}")
        ),
    ).otherwise(F.col("value"))
    return keyed.select(value.alias("value"), F.coalesce("story", "cluster_story").alias("story"))


def score(spark, opts, lines, view="credence_feed"):
    """The scored lines, each with its ``kind``: ``article`` or ``error``."""
    good, malformed = split_malformed(lines)
    if opts.cluster:
        good = assign_clusters(spark, opts, good)
    # Every story whole in one partition; within a partition the binary scores story by
    # story in bounded memory (--stream), wherever each story's articles stand.
    partitioned = good.repartition(opts.partitions, "story")
    cmd = command(
        opts, ["score", "-", "--stream", "--format", "jsonl", "--no-config"]
    )
    out = transform(spark, partitioned.select("value"), cmd, view)
    is_error = F.col("line").startswith('{"error"')
    # The binary counts lines of its own input, which is no place in the feed: an error
    # row keeps its message.
    line = F.when(
        is_error,
        F.to_json(
            F.struct(
                F.struct(F.get_json_object("line", "$.error.message").alias("message")).alias(
                    "error"
                )
            )
        ),
    ).otherwise(F.expr("replace(line, '%s', '')" % STDIN_PATH))
    scored = out.select(
        line.alias("line"), F.when(is_error, "error").otherwise("article").alias("kind")
    )
    return scored.unionByName(malformed.withColumn("kind", F.lit("error")))


def hadoop_fs(spark, path):
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), p, jvm


def write(spark, opts, scored, output):
    """``output/articles`` and ``output/errors``, written in one pass over the feed (the
    binary runs once per partition), then the roll-up when asked."""
    staging = os.path.join(output, "_scored")
    scored.write.mode("overwrite").partitionBy("kind").text(staging)
    fs, _, jvm = hadoop_fs(spark, output)
    for kind, name in (("article", "articles"), ("error", "errors")):
        src = jvm.org.apache.hadoop.fs.Path(os.path.join(staging, "kind=" + kind))
        dst = jvm.org.apache.hadoop.fs.Path(os.path.join(output, name))
        fs.delete(dst, True)
        if fs.exists(src):
            fs.rename(src, dst)
        else:
            fs.mkdirs(dst)
    fs.delete(jvm.org.apache.hadoop.fs.Path(staging), True)
    articles_path = os.path.join(output, "articles")
    articles = spark.read.text(articles_path)
    if opts.outlets or opts.output_format == "parquet":
        parsed = spark.read.json(articles.rdd.map(lambda r: r.value)) if not articles.isEmpty() else None
        if parsed is not None and opts.outlets:
            write_outlets(parsed, os.path.join(output, "outlets"))
        if parsed is not None and opts.output_format == "parquet":
            parsed.write.mode("overwrite").parquet(articles_path + ".parquet")
            fs.delete(jvm.org.apache.hadoop.fs.Path(articles_path), True)
            fs.rename(
                jvm.org.apache.hadoop.fs.Path(articles_path + ".parquet"),
                jvm.org.apache.hadoop.fs.Path(articles_path),
            )
    n_errors = spark.read.text(os.path.join(output, "errors")).count()
    n_articles = spark.read.parquet(articles_path).count() if opts.output_format == "parquet" else articles.count()
    return n_articles, n_errors


def write_outlets(df, output):
    """Per outlet: articles, mean, median and lowest score, and its most frequent debits."""
    if "source" not in df.columns:
        return
    outlet = F.coalesce(F.col("source"), F.lit("(unknown)"))
    summary = df.groupBy(outlet.alias("source")).agg(
        F.count("*").alias("articles"),
        F.round(F.avg("score"), 2).alias("mean_score"),
        F.expr("percentile_approx(score, 0.5)").alias("median_score"),
        F.round(F.min("score"), 2).alias("min_score"),
    )
    reasons = (
        df.select(outlet.alias("source"), F.explode("findings").alias("f"))
        .where((F.col("f.points") > 0) & (F.col("f.category") != "evidence"))
        .groupBy("source", F.col("f.code").alias("code"))
        .count()
    )
    top = reasons.groupBy("source").agg(
        F.slice(
            F.sort_array(F.collect_list(F.struct("count", "code")), False), 1, 3
        ).alias("top_reasons")
    )
    summary.join(top, "source", "left").orderBy("mean_score").coalesce(1).write.mode(
        "overwrite"
    ).json(output)


def report(spark, n_articles, n_errors):
    message = "credence: %d articles scored, %d errors" % (n_articles, n_errors)
    spark.sparkContext._jvm.org.apache.log4j.LogManager.getLogger("credence").info(message)
    print(message, file=sys.stderr)


def run_batch(spark, opts):
    report(spark, *write(spark, opts, score(spark, opts, read_lines(spark, opts)), opts.output))


def run_stream(spark, opts):
    """A Structured Streaming query over a directory JSONL files arrive in. Each micro-batch
    is scored with the earlier articles of its stories that fall in the story window (by
    publication date, back from the newest article of the batch), kept in the job's state
    directory; only the new articles are written."""
    state = os.path.join(opts.checkpoint, "story-state")

    def batch(df, batch_id):
        new = df.where(F.trim("value") != "").withColumn("file", F.input_file_name()).cache()
        if new.limit(1).count() == 0:
            return
        keyed = with_story(new).withColumn("id", F.get_json_object("value", "$.id")).withColumn(
            "published", F.to_date(F.substring(F.get_json_object("value", "$.published"), 1, 10))
        )
        newest = keyed.agg(F.max("published")).first()[0]
        context = new.select("value", "file")
        if os.path.exists(state):
            earlier = with_story(
                spark.read.option("recursiveFileLookup", "true").text(state)
            ).withColumn(
                "published", F.to_date(F.substring(F.get_json_object("value", "$.published"), 1, 10))
            )
            stories = keyed.where(F.col("story").isNotNull()).select("story").distinct()
            earlier = earlier.join(stories, "story", "left_semi")
            if newest is not None:
                since = newest - timedelta(days=opts.window_days)
                earlier = earlier.where(
                    F.col("published").isNull() | (F.col("published") >= F.lit(since))
                )
            context = context.unionByName(earlier.select("value", F.lit("(state)").alias("file")))
        scored = score(spark, opts, context, "credence_batch_%d" % batch_id)
        ids = keyed.select(F.col("id").alias("new_id")).where(F.col("new_id").isNotNull())
        # Only the new articles: the earlier ones were context, written when they arrived.
        fresh = scored.join(
            ids, F.get_json_object("line", "$.id") == F.col("new_id"), "left"
        ).where((F.col("kind") == "error") | F.col("new_id").isNotNull()).select("line", "kind")
        out = os.path.join(opts.output, "batch-%06d" % batch_id)
        report(spark, *write(spark, opts, fresh, out))
        new.where(F.get_json_object("value", "$").isNotNull()).select("value").write.mode(
            "overwrite"
        ).text(
            os.path.join(state, "batch-%06d" % batch_id)
        )
        new.unpersist()

    query = (
        spark.readStream.format("text")
        .option("maxFilesPerTrigger", opts.files_per_trigger)
        .load(opts.input)
        .writeStream.foreachBatch(batch)
        .option("checkpointLocation", opts.checkpoint)
    )
    if opts.once:
        query = query.trigger(availableNow=True)
    else:
        query = query.trigger(processingTime="%d seconds" % opts.trigger_seconds)
    query.start().awaitTermination()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="a path, a glob or a directory")
    p.add_argument("--input-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--output", required=True, help="a directory to write")
    p.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--binary", default="credence", help="the credence binary (shipped with --files)")
    p.add_argument("--rules", action="append", default=[], help="rules files (also in --files)")
    p.add_argument("--partitions", type=int, default=0, help="default: Spark's parallelism")
    p.add_argument("--cluster", action="store_true", help="stories for articles without a key")
    p.add_argument("--outlets", action="store_true", help="also write the per-outlet roll-up")
    p.add_argument("--stream", action="store_true", help="a streaming query over --input")
    p.add_argument("--checkpoint", help="streaming: checkpoint and story-state directory")
    p.add_argument("--window-days", type=int, default=14, help="streaming: story window")
    p.add_argument("--once", action="store_true", help="streaming: what is there, then stop")
    p.add_argument("--trigger-seconds", type=int, default=10)
    p.add_argument("--files-per-trigger", type=int, default=100)
    opts = p.parse_args(argv)
    spark = SparkSession.builder.appName("credence").getOrCreate()
    if opts.partitions <= 0:
        opts.partitions = spark.sparkContext.defaultParallelism
    if opts.stream:
        if not opts.checkpoint:
            p.error("--stream needs --checkpoint")
        run_stream(spark, opts)
    else:
        run_batch(spark, opts)
    spark.stop()


if __name__ == "__main__":
    main()
