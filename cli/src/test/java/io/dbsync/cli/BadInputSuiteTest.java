package io.dbsync.cli;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input table of the reliability review, run through the commands against the emulator: each
 * row gets its exit code (2 for bad input, 1 for a runtime failure) and one clear error line naming
 * the problem, never a stack trace. Row numbers are the review's.
 */
class BadInputSuiteTest {
  @TempDir
  static Path tmp;
  static SuiteWorkspaces ws;
  static Map<String, String> env;
  static Path repo;
  static int dirs;

  @BeforeAll
  static void exportOnce() throws Exception {
    ws = new SuiteWorkspaces(tmp, "name: full\nobjects:\n  cluster_policy: {}\n  cluster: {}\n  job: {}\n"
        + "  notebook:\n    notebook_path: /Shared\n", Map.of());
    env = ws.env;
    repo = ws.repo;
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  static String write(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f.toString();
  }

  /** A one-commit repository holding exports/<rel> files. */
  static String repoWith(Map<String, String> files) throws Exception {
    Path r = tmp.resolve("hand-" + (++dirs));
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = r.resolve("exports").resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue().replace('\'', '"'));
    }
    try (Git git = Git.init().setDirectory(r.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("hand edit").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").setSign(false).call();
    }
    return r.toString();
  }

  static String cluster(String extra) {
    return "{'resource': {'databricks_cluster': {'c': {'cluster_name': 'c', 'spark_version': '15.4.x-scala2.12', "
        + "'num_workers': 1" + extra + "}}}}";
  }

  static String artifactDir() {
    return tmp.resolve("state-" + (++dirs)).toString();
  }

  record Row(int number, String what, int exitCode, String expected, Supplier<String[]> args, Map<String, String> extraEnv) {}

  static Row row(int number, String what, int exitCode, String expected, Supplier<String[]> args) {
    return new Row(number, what, exitCode, expected, args, Map.of());
  }

  static String[] export(String config, String... more) {
    List<String> a = new ArrayList<>(List.of("export", "--profile", "source", "-l", tmp.resolve("scratch-" + (++dirs)).toString(),
        "-c", config, "--no-progress", "--report-dir", tmp.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  static String[] importing(String repoPath, String... more) {
    List<String> a = new ArrayList<>(List.of("import", "--profile", "target", "-l", repoPath, "--artifact-dir", artifactDir(), "--plan"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  static Supplier<String[]> unchecked(ThrowingSupplier s) {
    return () -> {
      try {
        return s.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @FunctionalInterface
  interface ThrowingSupplier {
    String[] get() throws Exception;
  }

  @TestFactory
  List<DynamicTest> badInputs() {
    List<Row> rows = List.of(
        row(1, "malformed YAML", 2, "not valid YAML", unchecked(() -> export(write("b1.yaml", "objects: {cluster: [\n")))),
        row(2, "unknown kind", 2, "is not a known kind", unchecked(() -> export(write("b2.yaml", "objects:\n  notebok:\n")))),
        row(3, "unknown setting", 2, "is not a setting of notebook", unchecked(() -> export(write("b3.yaml",
            "objects:\n  notebook:\n    notebook_paths: /x\n")))),
        row(4, "bool as string", 2, "must be true or false", unchecked(() -> export(write("b4.yaml",
            "objects:\n  cluster:\n    pin_first_20: \"yes\"\n")))),
        row(9, "empty config", 2, "config is empty", unchecked(() -> export(write("b9.yaml", "")))),
        row(11, "invalid regex in by", 2, "is not a valid regular expression", unchecked(() -> export(write("b11.yaml",
            "objects:\n  cluster:\n    by:\n      cluster_name: '(unclosed'\n")))),
        row(13, "non-UTF-8 config", 2, "is not UTF-8 text", unchecked(() -> {
          Path f = tmp.resolve("b13.yaml");
          Files.write(f, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
          return export(f.toString());
        })),
        row(17, "dbfs_path that is not DBFS", 2, "must be a DBFS path", unchecked(() -> export(write("b17.yaml",
            "objects:\n  dbfs_file:\n    dbfs_path: \"s3://not-dbfs\"\n")))),
        row(20, "mistyped root path", 1, "notebook_path /Sahred", unchecked(() -> export(write("b20.yaml",
            "objects:\n  notebook:\n    notebook_path: /Sahred\n")))),
        row(21, "malformed grok in custom_map_vars", 2, "is not a usable pattern", unchecked(() -> export(write("b21.yaml",
            "objects:\n  notebook:\n    custom_map_vars:\n      path: '/Users/%{DATA:variable'\n")))),
        new Row(25, "host that is not a URL", 2, "is not a URL", unchecked(() -> new String[] {"export", "-l",
            tmp.resolve("scratch-25").toString(), "-c", write("ok25.yaml", "objects:\n  cluster: {}\n")}),
            Map.of("DATABRICKS_HOST", "not a url", "DATABRICKS_TOKEN", "t")),
        row(28, "profile without a token", 2, "no credentials for", unchecked(() -> new String[] {"import", "--profile",
            "notoken", "-l", repo.toString(), "--artifact-dir", artifactDir(), "--plan"})),
        new Row(31, "DATABRICKS_HOST without a token", 2, "DATABRICKS_TOKEN", unchecked(() -> new String[] {"import", "-l",
            repo.toString(), "--artifact-dir", artifactDir()}), Map.of("DATABRICKS_HOST", "http://127.0.0.1:9")),
        row(33, "-l naming a file", 2, "is a file, not a folder", unchecked(() -> importing(write("afile.txt", "x")))),
        row(34, "-l a folder with content that is not a repository", 2, "not a git repository and not empty", unchecked(() -> {
          Path d = tmp.resolve("not-a-repo");
          Files.createDirectories(d);
          Files.writeString(d.resolve("notes.txt"), "mine");
          return new String[] {"export", "--profile", "source", "-l", d.toString(), "-c", write("ok34.yaml", "objects:\n  cluster: {}\n")};
        })),
        row(37, "--branch a..b", 2, "invalid branch name", unchecked(() -> new String[] {"export", "--profile", "source", "-l",
            tmp.resolve("scratch-37").toString(), "--branch", "a..b", "-c", write("ok37.yaml", "objects:\n  cluster: {}\n")})),
        row(38, "invalid JSON in a tf.json", 2, "not valid JSON", unchecked(() -> importing(repoWith(Map.of("cluster/c.tf.json", "{'resource': ")))))
        ,
        row(40, "reference to a missing resource", 2, "undeclared resource databricks_cluster_policy.nope",
            unchecked(() -> importing(repoWith(Map.of("cluster/c.tf.json", cluster(", 'policy_id': '${databricks_cluster_policy.nope.id}'")))))),
        row(43, "unknown attribute and wrong type", 2, "unknown attribute \"no_such_attr\"",
            unchecked(() -> importing(repoWith(Map.of("cluster/c.tf.json", cluster(", 'no_such_attr': 'x', 'autotermination_minutes': 'three'")))))),
        row(44, "unknown resource type", 2, "databricks_vector_search_endpoint is not supported",
            unchecked(() -> importing(repoWith(Map.of("x/w.tf.json", "{'resource': {'databricks_vector_search_endpoint': {'w': {'name': 'w'}}}}"))))),
        row(45, "same address in two files", 2, "is declared twice",
            unchecked(() -> importing(repoWith(Map.of("cluster/a.tf.json", cluster(""), "cluster/b.tf.json", cluster("")))))),
        row(46, "malformed expression", 2, "databricks_cluster.c",
            unchecked(() -> importing(repoWith(Map.of("cluster/c.tf.json", cluster(", 'cluster_name': '${1 +}'")))))),
        row(63, "--var without a value", 2, "NAME=VALUE", unchecked(() -> importing(repo.toString(), "--var", "novalue"))),
        row(64, "--var for an undeclared variable", 2, "undeclared variable(s): nosuchvar",
            unchecked(() -> importing(repo.toString(), "--var", "nosuchvar=1"))),
        row(66, "tfvars with a list value", 2, "must be a string, number or bool",
            unchecked(() -> importing(repo.toString(), "--var-file", write("l.tfvars.json", "{\"x\": [1, 2]}")))),
        row(67, "unknown object type", 2, "clusterz", unchecked(() -> importing(repo.toString(), "--databricks-object-type", "clusterz"))),
        row(68, "--artifact-dir naming a file", 2, "is a file, not a folder", unchecked(() -> new String[] {"import", "--profile",
            "target", "-l", repo.toString(), "--artifact-dir", write("afile68.txt", "x")})),
        row(72, "state whose resources is a list", 1, "is damaged", unchecked(() -> {
          String dir = artifactDir();
          Files.createDirectories(Path.of(dir));
          Files.writeString(Path.of(dir, "databricks-sync.state.json"), "{\"version\": 1, \"resources\": []}");
          return new String[] {"import", "--profile", "target", "-l", repo.toString(), "--artifact-dir", dir, "--plan"};
        })),
        row(75, "--parallelism 0", 2, "--parallelism", unchecked(() -> export(write("ok75.yaml", "objects:\n  cluster: {}\n"),
            "--parallelism", "0"))),
        row(76, "-v bogus", 2, "unknown verbosity 'bogus'", () -> new String[] {"-v", "bogus", "version"}),
        row(78, "backend gcs", 2, "not supported", unchecked(() -> importing(repo.toString(), "--backend-file",
            write("gcs.tf", "terraform {\n  backend \"gcs\" {\n    bucket = \"b\"\n  }\n}\n")))),
        row(83, "backend file missing", 2, "backend file not found", unchecked(() -> importing(repo.toString(), "--backend-file",
            tmp.resolve("nope.tf").toString()))));
    List<DynamicTest> tests = new ArrayList<>();
    for (Row r : rows) {
      tests.add(DynamicTest.dynamicTest("#" + r.number() + " " + r.what(), () -> {
        Map<String, String> e = new HashMap<>(r.extraEnv().isEmpty() ? env : Map.of());
        e.putAll(r.extraEnv());
        CliRunner.Result res = CliRunner.run(e, r.args().get());
        assertEquals(r.exitCode(), res.exitCode(), res.out() + res.err());
        String said = res.out() + res.err();
        assertTrue(said.contains(r.expected()), "the output should say '" + r.expected() + "':\n" + said);
        assertFalse(said.contains("\tat "), "no stack trace:\n" + said);
        assertTrue(res.err().lines().filter(l -> l.startsWith("error: ")).count() <= 1, res.err());
      }));
    }
    return tests;
  }
}
