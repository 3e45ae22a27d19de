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
 * The legacy Hive metastore with table ACLs, in memory, and a parser for exactly the statements
 * sync tools send: SHOW DATABASES, SHOW TABLES IN db, SHOW CREATE TABLE, SHOW GRANT(S) ON
 * TABLE/VIEW/DATABASE, CREATE DATABASE/TABLE/VIEW [IF NOT EXISTS], DROP TABLE/VIEW/DATABASE,
 * GRANT/REVOKE ... ON TABLE/VIEW/DATABASE x TO/FROM `principal`. A table is its DDL text, returned
 * by SHOW CREATE TABLE with the name qualified as Spark does ({@code spark_catalog.db.t}). Names are
 * case-insensitive (stored lower-case). Anything else is a PARSE_SYNTAX_ERROR.
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

  private record Table(String kind, String ddlTail) {}

  private static final String IDENT = "(?:`[^`]+`|[A-Za-z0-9_]+)";
  private static final String QNAME = "(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + "){0,2})";
  private static final int F = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern SHOW_DATABASES = Pattern.compile("SHOW\\s+(?:DATABASES|SCHEMAS)", F);
  private static final Pattern SHOW_TABLES = Pattern.compile("SHOW\\s+TABLES(?:\\s+(?:IN|FROM)\\s+" + QNAME + ")?", F);
  private static final Pattern SHOW_CREATE = Pattern.compile("SHOW\\s+CREATE\\s+TABLE\\s+" + QNAME, F);
  private static final Pattern SHOW_GRANTS = Pattern.compile(
      "SHOW\\s+GRANTS?(?:\\s+(`[^`]+`|[^\\s`]+))??\\s+ON\\s+(TABLE|VIEW|DATABASE|SCHEMA)\\s+" + QNAME, F);
  private static final Pattern CREATE_DATABASE = Pattern.compile(
      "CREATE\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", F);
  private static final Pattern CREATE_TABLE = Pattern.compile(
      "CREATE\\s+(OR\\s+REPLACE\\s+)?(?:EXTERNAL\\s+)?(TABLE|VIEW)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", F);
  private static final Pattern DROP_TABLE = Pattern.compile("DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?" + QNAME, F);
  private static final Pattern DROP_DATABASE = Pattern.compile(
      "DROP\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+EXISTS\\s+)?" + QNAME + "(\\s+CASCADE)?", F);
  private static final Pattern GRANT = Pattern.compile(
      "(GRANT|REVOKE)\\s+(.+?)\\s+ON\\s+(TABLE|VIEW|DATABASE|SCHEMA)\\s+" + QNAME + "\\s+(?:TO|FROM)\\s+(`[^`]+`|\\S+)", F);
  private static final Set<String> PRIVILEGES = Set.of("SELECT", "MODIFY", "READ_METADATA", "CREATE", "USAGE",
      "CREATE_NAMED_FUNCTION", "MODIFY_CLASSPATH", "ALL PRIVILEGES", "OWN");

  private final String owner;
  private final Map<String, String> databases = new TreeMap<>(); // name -> CREATE DATABASE tail
  private final Map<String, Map<String, Table>> tables = new TreeMap<>();
  /** "TABLE db.t" / "DATABASE db" -> principal -> privileges. */
  private final Map<String, Map<String, TreeSet<String>>> grants = new TreeMap<>();

  public HiveCatalog(String owner) {
    this.owner = owner;
    databases.put("default", "");
    tables.put("default", new TreeMap<>());
  }

  /** Runs one statement (a trailing ";" is allowed). */
  public synchronized Result execute(String statement) {
    String s = statement.strip();
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    Matcher m;
    if ((m = SHOW_DATABASES.matcher(s)).matches()) {
      List<List<String>> rows = new ArrayList<>();
      databases.keySet().forEach(d -> rows.add(List.of(d)));
      return new Result(List.of("databaseName"), rows);
    }
    if ((m = SHOW_TABLES.matcher(s)).matches()) {
      String db = m.group(1) == null ? "default" : database(m.group(1));
      List<List<String>> rows = new ArrayList<>();
      tablesOf(db).keySet().forEach(t -> rows.add(List.of(db, t, "false")));
      return new Result(List.of("database", "tableName", "isTemporary"), rows);
    }
    if ((m = SHOW_CREATE.matcher(s)).matches()) {
      String[] dt = table(m.group(1));
      Table t = requireTable(dt);
      return new Result(List.of("createtab_stmt"),
          List.of(List.of("CREATE " + t.kind() + " spark_catalog." + dt[0] + "." + dt[1] + t.ddlTail())));
    }
    if ((m = SHOW_GRANTS.matcher(s)).matches()) {
      return showGrants(m.group(1) == null ? null : unquote(m.group(1)), m.group(2), m.group(3));
    }
    if ((m = CREATE_DATABASE.matcher(s)).matches()) {
      String db = database(m.group(2));
      if (databases.containsKey(db)) {
        if (m.group(1) == null) {
          throw new SqlError("SCHEMA_ALREADY_EXISTS", "42P06", "Cannot create schema `" + db + "` because it already exists.");
        }
        return Result.empty();
      }
      databases.put(db, m.group(3));
      tables.put(db, new TreeMap<>());
      grants.computeIfAbsent("DATABASE " + db, k -> new TreeMap<>()).put(owner, new TreeSet<>(Set.of("OWN")));
      return Result.empty();
    }
    if ((m = CREATE_TABLE.matcher(s)).matches()) {
      String[] dt = table(m.group(4));
      Map<String, Table> in = tablesOf(dt[0]);
      if (in.containsKey(dt[1]) && m.group(1) == null) {
        if (m.group(3) == null) {
          throw new SqlError("TABLE_OR_VIEW_ALREADY_EXISTS", "42P07",
              "Cannot create table or view `" + dt[0] + "`.`" + dt[1] + "` because it already exists.");
        }
        return Result.empty();
      }
      in.put(dt[1], new Table(m.group(2).toUpperCase(Locale.ROOT), m.group(5)));
      grants.computeIfAbsent("TABLE " + dt[0] + "." + dt[1], k -> new TreeMap<>()).put(owner, new TreeSet<>(Set.of("OWN")));
      return Result.empty();
    }
    if ((m = DROP_TABLE.matcher(s)).matches()) {
      String[] dt = table(m.group(3));
      if (!databases.containsKey(dt[0]) || tables.get(dt[0]).remove(dt[1]) == null) {
        if (m.group(2) == null) {
          requireTable(dt);
        }
        return Result.empty();
      }
      grants.remove("TABLE " + dt[0] + "." + dt[1]);
      return Result.empty();
    }
    if ((m = DROP_DATABASE.matcher(s)).matches()) {
      String db = database(m.group(2));
      if (!databases.containsKey(db)) {
        if (m.group(1) == null) {
          tablesOf(db);
        }
        return Result.empty();
      }
      if (!tables.get(db).isEmpty() && m.group(3) == null) {
        throw new SqlError("SCHEMA_NOT_EMPTY", "2BP01", "Cannot drop a schema `" + db + "` because it contains objects.");
      }
      tables.get(db).keySet().forEach(t -> grants.remove("TABLE " + db + "." + t));
      tables.remove(db);
      databases.remove(db);
      grants.remove("DATABASE " + db);
      return Result.empty();
    }
    if ((m = GRANT.matcher(s)).matches()) {
      return grant(m.group(1).equalsIgnoreCase("GRANT"), m.group(2), m.group(3), m.group(4), unquote(m.group(5)));
    }
    throw new SqlError("PARSE_SYNTAX_ERROR", "42601", "Syntax error: the emulator does not support this statement: "
        + (s.length() > 60 ? s.substring(0, 60) + "..." : s));
  }

  private Result showGrants(String principal, String objectType, String name) {
    String type = objectType.equalsIgnoreCase("TABLE") || objectType.equalsIgnoreCase("VIEW") ? "TABLE" : "DATABASE";
    List<String> keys = new ArrayList<>();
    if (type.equals("TABLE")) {
      String[] dt = table(name);
      requireTable(dt);
      keys.add("TABLE " + dt[0] + "." + dt[1]);
      keys.add("DATABASE " + dt[0]); // inherited grants show up too, with their own object type and key
    } else {
      String db = database(name);
      tablesOf(db);
      keys.add("DATABASE " + db);
    }
    List<List<String>> rows = new ArrayList<>();
    for (String key : keys) {
      int sp = key.indexOf(' ');
      grants.getOrDefault(key, Map.of()).forEach((p, privs) -> {
        if (principal == null || principal.equals(p)) {
          privs.forEach(a -> rows.add(List.of(p, a, key.substring(0, sp), key.substring(sp + 1))));
        }
      });
    }
    return new Result(List.of("principal", "action_type", "object_type", "object_key"), rows);
  }

  private Result grant(boolean grant, String privilegeList, String objectType, String name, String principal) {
    String key;
    if (objectType.equalsIgnoreCase("TABLE") || objectType.equalsIgnoreCase("VIEW")) {
      String[] dt = table(name);
      requireTable(dt);
      key = "TABLE " + dt[0] + "." + dt[1];
    } else {
      String db = database(name);
      tablesOf(db);
      key = "DATABASE " + db;
    }
    List<String> privileges = new ArrayList<>();
    for (String p : privilegeList.split(",")) {
      String priv = p.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
      if (!PRIVILEGES.contains(priv) || priv.equals("OWN")) {
        throw new SqlError("INVALID_PRIVILEGE", "42000", "Privilege " + p.strip() + " is not valid for " + objectType);
      }
      privileges.add(priv);
    }
    Map<String, TreeSet<String>> onObject = grants.computeIfAbsent(key, k -> new TreeMap<>());
    if (grant) {
      onObject.computeIfAbsent(principal, k -> new TreeSet<>()).addAll(privileges);
    } else {
      TreeSet<String> held = onObject.get(principal);
      if (held != null) {
        if (privileges.contains("ALL PRIVILEGES")) {
          held.removeIf(a -> !a.equals("OWN"));
        } else {
          held.removeAll(privileges);
        }
        if (held.isEmpty()) {
          onObject.remove(principal);
        }
      }
    }
    return Result.empty();
  }

  private Map<String, Table> tablesOf(String db) {
    Map<String, Table> in = tables.get(db);
    if (in == null) {
      throw new SqlError("SCHEMA_NOT_FOUND", "42704", "The schema `" + db + "` cannot be found.");
    }
    return in;
  }

  private Table requireTable(String[] dt) {
    Table t = tablesOf(dt[0]).get(dt[1]);
    if (t == null) {
      throw new SqlError("TABLE_OR_VIEW_NOT_FOUND", "42P01",
          "The table or view `" + dt[0] + "`.`" + dt[1] + "` cannot be found.");
    }
    return t;
  }

  /** A database name: the last part of an optionally catalog-qualified name. */
  private static String database(String qname) {
    List<String> parts = parts(qname);
    return parts.get(parts.size() - 1);
  }

  /** {db, table} of a table name ("t" is default.t; a catalog prefix is ignored). */
  private static String[] table(String qname) {
    List<String> parts = parts(qname);
    String t = parts.get(parts.size() - 1);
    String db = parts.size() >= 2 ? parts.get(parts.size() - 2) : "default";
    return new String[] {db, t};
  }

  private static List<String> parts(String qname) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(IDENT).matcher(qname);
    while (m.find()) {
      out.add(unquote(m.group()).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static String unquote(String ident) {
    return ident.startsWith("`") && ident.endsWith("`") && ident.length() >= 2 ? ident.substring(1, ident.length() - 1) : ident;
  }

  // ------------------------------------------------------------ state

  synchronized JsonNode dump() {
    ObjectNode out = Json.object();
    ObjectNode dbs = out.putObject("databases");
    databases.forEach((db, tail) -> {
      ObjectNode d = dbs.putObject(db);
      d.put("ddl_tail", tail);
      ObjectNode ts = d.putObject("tables");
      tables.get(db).forEach((t, table) -> ts.put(t, "CREATE " + table.kind() + " spark_catalog." + db + "." + t + table.ddlTail()));
    });
    ObjectNode g = out.putObject("grants");
    grants.forEach((key, byPrincipal) -> {
      ObjectNode o = g.putObject(key);
      byPrincipal.forEach((p, privs) -> {
        ArrayNode a = o.putArray(p);
        privs.forEach(a::add);
      });
    });
    return out;
  }

  /** Runs seed statements in order. */
  synchronized void seed(JsonNode statements) {
    for (JsonNode st : statements) {
      execute(st.asText());
    }
  }

  /** Names of the Hive databases (tests check which catalog a statement reached). */
  public synchronized List<String> databaseNames() {
    return new ArrayList<>(databases.keySet());
  }

  /** Grants on "TABLE db.t" or "DATABASE db": principal -> privileges (copies). */
  public synchronized Map<String, Set<String>> grantsOn(String key) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    grants.getOrDefault(key, Map.of()).forEach((p, s) -> out.put(p, Set.copyOf(s)));
    return out;
  }
}
