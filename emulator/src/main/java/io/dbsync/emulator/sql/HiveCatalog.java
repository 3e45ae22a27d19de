package io.dbsync.emulator.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy Hive metastore with table ACLs, in memory, and a parser for the statements sync tools
 * send (see {@link HiveStatements} for the list). Databases keep COMMENT, LOCATION, DBPROPERTIES
 * and an owner; a table or view is its DDL text, returned by SHOW CREATE TABLE with the name
 * qualified as Spark does ({@code spark_catalog.db.t}); a view also keeps the database its
 * unqualified names resolve in (SHOW TBLPROPERTIES {@code view.catalogAndNamespace.*}) and the
 * relations it reads, which must exist when it is created. Creating an object makes the session's
 * user its owner. Names are case-insensitive (stored lower-case).
 */
public final class HiveCatalog {
  /** Column names and string rows (JSON null as Java null) of a statement's result. */
  public record Result(List<String> columns, List<List<String>> rows) {
    static Result empty() {
      return new Result(List.of(), List.of());
    }
  }

  /** A failed statement: the error class (e.g. TABLE_OR_VIEW_NOT_FOUND) and its SQLSTATE. */
  public static final class SqlError extends RuntimeException {
    private final String errorClass;
    private final String sqlState;

    public SqlError(String errorClass, String sqlState, String message) {
      super("[" + errorClass + "] " + message + " SQLSTATE: " + sqlState);
      this.errorClass = errorClass;
      this.sqlState = sqlState;
    }

    public String errorClass() {
      return errorClass;
    }

    public String sqlState() {
      return sqlState;
    }
  }

  static SqlError parseError(String detail) {
    return new SqlError("PARSE_SYNTAX_ERROR", "42601", "Syntax error: " + detail + ".");
  }

  static final class Database {
    String comment;
    String location;
    final Map<String, String> properties = new TreeMap<>();
    String owner;
    final Map<String, Relation> relations = new TreeMap<>();
  }

  static final class Relation {
    final boolean view;
    String ddlTail;
    /** Views: the current database at creation, where its unqualified names resolve. */
    String namespace;
    /** Views: "db.name" of each relation the query reads. */
    List<String> reads = List.of();
    String owner;

    Relation(boolean view) {
      this.view = view;
    }
  }

  private static final String WAREHOUSE_ROOT = "dbfs:/user/hive/warehouse";
  private static final Pattern IDENT_PART = Pattern.compile("`(?:[^`]|``)+`|[A-Za-z0-9_]+");

  private static final Pattern READ_ONLY = Pattern.compile("(SHOW|DESCRIBE|DESC|USE)\\b", Pattern.CASE_INSENSITIVE);

  private final String adminUser;
  private long executed;
  private long writes;
  private final Map<String, Database> databases = new TreeMap<>();
  final HiveAcls acls = new HiveAcls();
  private final HiveStatements statements = new HiveStatements(this);

  public HiveCatalog(String adminUser) {
    this.adminUser = adminUser;
    Database d = new Database();
    d.comment = "Default Hive database";
    d.location = WAREHOUSE_ROOT;
    databases.put("default", d);
  }

  /** Runs one statement as the workspace admin, without principal checks (seeding, tests). */
  public synchronized Result execute(String statement) {
    return execute(HiveSession.unchecked(adminUser), statement);
  }

  /** Runs one statement in a session (a trailing ";" is allowed). */
  public synchronized Result execute(HiveSession session, String statement) {
    String s = statement.strip();
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    executed++;
    if (!READ_ONLY.matcher(s).lookingAt()) {
      writes++;
    }
    return statements.run(session, s);
  }

  /** Statements run so far (seeding included), for tests and benchmarks that count them. */
  public synchronized long statementCount() {
    return executed;
  }

  /** Statements run so far that were not SHOW, DESCRIBE or USE (whether they succeeded or not). */
  public synchronized long writeStatementCount() {
    return writes;
  }

  // ------------------------------------------------------------ names

  Database database(String name) {
    Database d = databases.get(name);
    if (d == null) {
      throw new SqlError("SCHEMA_NOT_FOUND", "42704", "The schema `" + name + "` cannot be found. Verify the spelling "
          + "and correctness of the schema and catalog.");
    }
    return d;
  }

  boolean hasDatabase(String name) {
    return databases.containsKey(name);
  }

  Relation relation(String[] dt) {
    Relation r = database(dt[0]).relations.get(dt[1]);
    if (r == null) {
      throw notFound(dt);
    }
    return r;
  }

  static SqlError notFound(String[] dt) {
    return new SqlError("TABLE_OR_VIEW_NOT_FOUND", "42P01", "The table or view `" + dt[0] + "`.`" + dt[1]
        + "` cannot be found. Verify the spelling and correctness of the schema and catalog.");
  }

  /** The database part of an optionally catalog-qualified name. */
  static String databaseName(String qname) {
    List<String> parts = parts(qname);
    return parts.get(parts.size() - 1);
  }

  /** {db, name} of a relation name; an unqualified name is in the session's current database. */
  static String[] relationName(String qname, HiveSession session) {
    List<String> parts = parts(qname);
    String t = parts.get(parts.size() - 1);
    String db = parts.size() >= 2 ? parts.get(parts.size() - 2) : session.database();
    return new String[] {db, t};
  }

  static List<String> parts(String qname) {
    List<String> out = new ArrayList<>();
    Matcher m = IDENT_PART.matcher(qname);
    while (m.find()) {
      String p = m.group();
      if (p.startsWith("`")) {
        p = p.substring(1, p.length() - 1).replace("``", "`");
      }
      out.add(p.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  static String unquote(String ident) {
    return ident.startsWith("`") && ident.endsWith("`") && ident.length() >= 2
        ? ident.substring(1, ident.length() - 1).replace("``", "`") : ident;
  }

  // ------------------------------------------------------------ changes the statements make

  Database createDatabase(String name, String owner) {
    Database d = new Database();
    d.owner = owner;
    d.location = WAREHOUSE_ROOT + "/" + name + ".db";
    databases.put(name, d);
    return d;
  }

  void dropDatabase(String name) {
    Database d = databases.remove(name);
    d.relations.keySet().forEach(t -> acls.drop("TABLE " + name + "." + t));
    acls.drop("DATABASE " + name);
  }

  /** Fails with RECURSIVE_VIEW when {@code reads} reach the view {@code key} ("db.v") itself. */
  void checkNoCycle(String key, List<String> reads) {
    List<String> path = new ArrayList<>(List.of(key));
    if (reaches(key, reads, path, new TreeSet<>())) {
      throw new SqlError("RECURSIVE_VIEW", "42K0H", "Recursive view `" + key + "` detected (cycle: "
          + String.join(" -> ", path) + ").");
    }
  }

  private boolean reaches(String target, List<String> reads, List<String> path, Set<String> seen) {
    for (String r : reads) {
      path.add(r);
      if (r.equals(target)) {
        return true;
      }
      int dot = r.indexOf('.');
      Database d = databases.get(r.substring(0, dot));
      Relation rel = d == null ? null : d.relations.get(r.substring(dot + 1));
      if (rel != null && rel.view && seen.add(r) && reaches(target, rel.reads, path, seen)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  /** Database names matching a SHOW ... LIKE pattern (null = all). */
  List<String> databaseNames(String like) {
    return databases.keySet().stream().filter(n -> matchesLike(n, like)).toList();
  }

  /** Spark's LIKE for SHOW: '|' separates alternatives, '*' is any run of characters, case-insensitive. */
  static boolean matchesLike(String name, String like) {
    if (like == null) {
      return true;
    }
    for (String alt : like.strip().split("\\|")) {
      if (Pattern.compile("(?i)" + alt.strip().replace("*", ".*")).matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------ state

  /** The whole metastore as JSON: databases with their tables (DDL, owner, a view's namespace and reads) and grants. */
  public synchronized JsonNode dump() {
    ObjectNode out = Json.object();
    ObjectNode dbs = out.putObject("databases");
    databases.forEach((name, d) -> {
      ObjectNode o = dbs.putObject(name);
      o.put("comment", d.comment).put("location", d.location).put("owner", d.owner);
      ObjectNode props = o.putObject("properties");
      d.properties.forEach(props::put);
      ObjectNode rels = o.putObject("tables");
      d.relations.forEach((t, r) -> {
        ObjectNode ro = rels.putObject(t).put("ddl", "CREATE " + (r.view ? "VIEW" : "TABLE") + " spark_catalog." + name
            + "." + t + r.ddlTail).put("owner", r.owner);
        if (r.view) {
          ro.put("namespace", r.namespace);
          ArrayNode reads = ro.putArray("reads");
          r.reads.forEach(reads::add);
        }
      });
    });
    ObjectNode g = out.putObject("grants");
    acls.all().forEach((key, byPrincipal) -> {
      if (!byPrincipal.isEmpty()) {
        ObjectNode o = g.putObject(key);
        byPrincipal.forEach((p, actions) -> {
          ArrayNode a = o.putArray(p);
          actions.forEach(a::add);
        });
      }
    });
    return out;
  }

  /** Runs seed statements in order in one session ("USE db" carries over to later statements). */
  synchronized void seed(JsonNode statements) {
    HiveSession session = HiveSession.unchecked(adminUser);
    for (JsonNode st : statements) {
      execute(session, st.asText());
    }
  }

  /** Names of the Hive databases (tests check which catalog a statement reached). */
  public synchronized List<String> databaseNames() {
    return new ArrayList<>(databases.keySet());
  }

  /**
   * Grants and denies on "TABLE db.t", "DATABASE db", "CATALOG", "ANY FILE" or "ANONYMOUS FUNCTION":
   * principal -> actions (copies; denies as DENIED_x; ownership is {@link #ownerOf}).
   */
  public synchronized Map<String, Set<String>> grantsOn(String key) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    acls.on(key).forEach((p, s) -> out.put(p, Set.copyOf(s)));
    return out;
  }

  /** The owner of "TABLE db.t" or "DATABASE db" (null when none or absent). */
  public synchronized String ownerOf(String key) {
    if (key.startsWith("DATABASE ")) {
      Database d = databases.get(key.substring("DATABASE ".length()));
      return d == null ? null : d.owner;
    }
    String[] dt = key.substring("TABLE ".length()).split("\\.", 2);
    Database d = databases.get(dt[0]);
    Relation r = d == null ? null : d.relations.get(dt[1]);
    return r == null ? null : r.owner;
  }
}
