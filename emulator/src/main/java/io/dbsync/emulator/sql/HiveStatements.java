package io.dbsync.emulator.sql;

import io.dbsync.emulator.sql.HiveCatalog.Database;
import io.dbsync.emulator.sql.HiveCatalog.Relation;
import io.dbsync.emulator.sql.HiveCatalog.Result;
import io.dbsync.emulator.sql.HiveCatalog.SqlError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of the Hive metastore emulation, with the result shapes Databricks returns:
 * <ul>
 *   <li>SHOW DATABASES|SCHEMAS [LIKE], SHOW TABLES [IN db] [LIKE] (database, tableName, isTemporary),
 *       SHOW CREATE TABLE, SHOW TBLPROPERTIES t [(key)] (key, value);</li>
 *   <li>DESCRIBE DATABASE|SCHEMA [EXTENDED] (database_description_item/value: Catalog Name,
 *       Namespace Name, Comment, Location, Owner and with EXTENDED Properties "((k,v), (k2,v2))");</li>
 *   <li>USE [DATABASE|SCHEMA] db; CREATE DATABASE [IF NOT EXISTS] db [COMMENT] [LOCATION] [WITH
 *       DBPROPERTIES (...)]; ALTER DATABASE db SET DBPROPERTIES; COMMENT ON DATABASE db IS ...;
 *       DROP DATABASE [IF EXISTS] db [CASCADE];</li>
 *   <li>CREATE [OR REPLACE] [EXTERNAL] TABLE|VIEW [IF NOT EXISTS] ...; ALTER VIEW v AS query;
 *       DROP TABLE|VIEW [IF EXISTS]; ALTER DATABASE|TABLE|VIEW x [SET] OWNER TO principal;</li>
 *   <li>GRANT|DENY privileges ON securable TO principal, REVOKE ... FROM principal, SHOW GRANT[S]
 *       [principal] ON securable, where securable is CATALOG [name], ANY FILE, ANONYMOUS FUNCTION,
 *       DATABASE|SCHEMA db, [TABLE] t or VIEW v. SHOW GRANTS answers Principal, ActionType,
 *       ObjectType, ObjectKey: the owner's OWN row, then the object's grants and denies
 *       (DENIED_x), then what it inherits from its database and the catalog. ObjectType is CATALOG$,
 *       ANY_FILE, ANONYMOUS_FUNCTION (key null), DATABASE (key db) or the keyword the statement named
 *       a table or view with, TABLE or VIEW (key `db`.`t`).</li>
 * </ul>
 * Anything else is a PARSE_SYNTAX_ERROR.
 */
final class HiveStatements {
  private static final String IDENT = "(?:`(?:[^`]|``)+`|[A-Za-z0-9_]+)";
  private static final String QNAME = "(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + "){0,2})";
  private static final String PRINCIPAL = "(`(?:[^`]|``)+`|[^\\s`]+)";
  private static final String LIKE = "(?:\\s+LIKE\\s+'([^']*)')?";
  private static final int F = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

  private static final Pattern SHOW_DATABASES = Pattern.compile(
      "SHOW\\s+(?:DATABASES|SCHEMAS)(?:\\s+(?:IN|FROM)\\s+" + IDENT + ")?" + LIKE, F);
  private static final Pattern SHOW_TABLES = Pattern.compile("SHOW\\s+TABLES(?:\\s+(?:IN|FROM)\\s+" + QNAME + ")?" + LIKE, F);
  private static final Pattern SHOW_CREATE = Pattern.compile("SHOW\\s+CREATE\\s+TABLE\\s+" + QNAME, F);
  private static final Pattern SHOW_TBLPROPERTIES = Pattern.compile(
      "SHOW\\s+TBLPROPERTIES\\s+" + QNAME + "(?:\\s*\\(\\s*(?:'([^']*)'|([A-Za-z0-9_.]+))\\s*\\))?", F);
  private static final Pattern SHOW_GRANTS = Pattern.compile("SHOW\\s+GRANTS?(?:\\s+" + PRINCIPAL + ")??\\s+ON\\s+(.+)", F);
  private static final Pattern DESCRIBE_DATABASE = Pattern.compile(
      "DESC(?:RIBE)?\\s+(?:DATABASE|SCHEMA)\\s+(EXTENDED\\s+)?" + QNAME, F);
  private static final Pattern USE = Pattern.compile("USE\\s+(?:DATABASE\\s+|SCHEMA\\s+|NAMESPACE\\s+)?" + QNAME, F);
  private static final Pattern CREATE_DATABASE = Pattern.compile(
      "CREATE\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", F);
  private static final Pattern CREATE_RELATION = Pattern.compile(
      "CREATE\\s+(OR\\s+REPLACE\\s+)?(?:EXTERNAL\\s+)?(TABLE|VIEW)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "(.*)", F);
  private static final Pattern ALTER_DATABASE_PROPERTIES = Pattern.compile(
      "ALTER\\s+(?:DATABASE|SCHEMA)\\s+" + QNAME + "\\s+SET\\s+(?:DBPROPERTIES|PROPERTIES)\\s*(\\(.*\\))", F);
  private static final Pattern ALTER_DATABASE_LOCATION = Pattern.compile(
      "ALTER\\s+(?:DATABASE|SCHEMA)\\s+" + QNAME + "\\s+SET\\s+LOCATION\\s+.*", F);
  private static final Pattern ALTER_OWNER = Pattern.compile(
      "ALTER\\s+(DATABASE|SCHEMA|TABLE|VIEW)\\s+" + QNAME + "\\s+(?:SET\\s+)?OWNER\\s+TO\\s+" + PRINCIPAL, F);
  private static final Pattern ALTER_VIEW_AS = Pattern.compile("ALTER\\s+VIEW\\s+" + QNAME + "\\s+AS\\s+(.*)", F);
  private static final Pattern COMMENT_ON_DATABASE = Pattern.compile(
      "COMMENT\\s+ON\\s+(?:DATABASE|SCHEMA)\\s+" + QNAME + "\\s+IS\\s+(NULL|'(?:[^'\\\\]|\\\\.)*')", F);
  private static final Pattern DROP_RELATION = Pattern.compile("DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?" + QNAME, F);
  private static final Pattern DROP_DATABASE = Pattern.compile(
      "DROP\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+EXISTS\\s+)?" + QNAME + "(\\s+CASCADE|\\s+RESTRICT)?", F);
  private static final Pattern GRANT = Pattern.compile("(GRANT|DENY)\\s+(.+?)\\s+ON\\s+(.+?)\\s+TO\\s+" + PRINCIPAL, F);
  private static final Pattern REVOKE = Pattern.compile("REVOKE\\s+(.+?)\\s+ON\\s+(.+?)\\s+FROM\\s+" + PRINCIPAL, F);

  private static final Pattern ON_CATALOG = Pattern.compile("CATALOG(?:\\s+(" + IDENT + "))?", F);
  private static final Pattern ON_ANY_FILE = Pattern.compile("ANY\\s+FILE", F);
  private static final Pattern ON_ANONYMOUS_FUNCTION = Pattern.compile("ANONYMOUS\\s+FUNCTION", F);
  private static final Pattern ON_DATABASE = Pattern.compile("(?:DATABASE|SCHEMA)\\s+" + QNAME, F);
  private static final Pattern ON_RELATION = Pattern.compile("(?:(TABLE|VIEW)\\s+)?" + QNAME, F);
  private static final java.util.Set<String> RESERVED_DATABASE_PROPERTIES = java.util.Set.of("comment", "location", "owner");

  /**
   * What a GRANT/SHOW GRANTS names: its kind (CATALOG, ANY FILE, ANONYMOUS FUNCTION, DATABASE,
   * TABLE or VIEW as it really is), the ACL key, the ObjectType and ObjectKey SHOW GRANTS prints,
   * and the database and relation (null for the catalog-wide securables).
   */
  private record Securable(String kind, String aclKey, String objectType, String objectKey, Database database,
                           Relation relation) {}

  private final HiveCatalog catalog;

  HiveStatements(HiveCatalog catalog) {
    this.catalog = catalog;
  }

  Result run(HiveSession session, String s) {
    Matcher m;
    if ((m = SHOW_DATABASES.matcher(s)).matches()) {
      List<List<String>> rows = new ArrayList<>();
      catalog.databaseNames(m.group(1)).forEach(d -> rows.add(List.of(d)));
      return new Result(List.of("databaseName"), rows);
    }
    if ((m = SHOW_TABLES.matcher(s)).matches()) {
      String db = m.group(1) == null ? session.database() : HiveCatalog.databaseName(m.group(1));
      List<List<String>> rows = new ArrayList<>();
      for (String t : catalog.database(db).relations.keySet()) {
        if (HiveCatalog.matchesLike(t, m.group(2))) {
          rows.add(List.of(db, t, "false"));
        }
      }
      return new Result(List.of("database", "tableName", "isTemporary"), rows);
    }
    if ((m = SHOW_CREATE.matcher(s)).matches()) {
      String[] dt = HiveCatalog.relationName(m.group(1), session);
      Relation r = catalog.relation(dt);
      return new Result(List.of("createtab_stmt"), List.of(List.of("CREATE " + (r.view ? "VIEW" : "TABLE")
          + " spark_catalog." + dt[0] + "." + dt[1] + r.ddlTail)));
    }
    if ((m = SHOW_TBLPROPERTIES.matcher(s)).matches()) {
      return tblProperties(HiveCatalog.relationName(m.group(1), session), m.group(2) != null ? m.group(2) : m.group(3));
    }
    if ((m = SHOW_GRANTS.matcher(s)).matches()) {
      return showGrants(m.group(1) == null ? null : HiveCatalog.unquote(m.group(1)), securable(m.group(2).strip(), session));
    }
    if ((m = DESCRIBE_DATABASE.matcher(s)).matches()) {
      return describeDatabase(HiveCatalog.databaseName(m.group(2)), m.group(1) != null);
    }
    if ((m = USE.matcher(s)).matches()) {
      String db = HiveCatalog.databaseName(m.group(1));
      catalog.database(db);
      session.use(db);
      return Result.empty();
    }
    if ((m = CREATE_DATABASE.matcher(s)).matches()) {
      return createDatabase(session, HiveCatalog.databaseName(m.group(2)), m.group(1) != null, m.group(3));
    }
    if ((m = CREATE_RELATION.matcher(s)).matches()) {
      return createRelation(session, m.group(2).equalsIgnoreCase("VIEW"), HiveCatalog.relationName(m.group(4), session),
          m.group(1) != null, m.group(3) != null, m.group(5));
    }
    if ((m = ALTER_DATABASE_PROPERTIES.matcher(s)).matches()) {
      Database d = catalog.database(HiveCatalog.databaseName(m.group(1)));
      d.properties.putAll(databaseProperties(new SqlTokens(m.group(2)).properties("DBPROPERTIES")));
      return Result.empty();
    }
    if ((m = ALTER_DATABASE_LOCATION.matcher(s)).matches()) {
      catalog.database(HiveCatalog.databaseName(m.group(1)));
      throw new SqlError("UNSUPPORTED_FEATURE", "0A000",
          "The feature is not supported: ALTER DATABASE ... SET LOCATION on a Hive metastore database.");
    }
    if ((m = ALTER_OWNER.matcher(s)).matches()) {
      return alterOwner(session, m.group(1).toUpperCase(Locale.ROOT), m.group(2), HiveCatalog.unquote(m.group(3)));
    }
    if ((m = ALTER_VIEW_AS.matcher(s)).matches()) {
      return alterViewQuery(session, HiveCatalog.relationName(m.group(1), session), m.group(2));
    }
    if ((m = COMMENT_ON_DATABASE.matcher(s)).matches()) {
      Database d = catalog.database(HiveCatalog.databaseName(m.group(1)));
      d.comment = m.group(2).equalsIgnoreCase("NULL") ? null : SqlTokens.lex(m.group(2)).get(0).text();
      return Result.empty();
    }
    if ((m = DROP_RELATION.matcher(s)).matches()) {
      return dropRelation(m.group(1).equalsIgnoreCase("VIEW"), m.group(2) != null, HiveCatalog.relationName(m.group(3), session));
    }
    if ((m = DROP_DATABASE.matcher(s)).matches()) {
      return dropDatabase(HiveCatalog.databaseName(m.group(2)), m.group(1) != null,
          m.group(3) != null && m.group(3).strip().equalsIgnoreCase("CASCADE"));
    }
    if ((m = GRANT.matcher(s)).matches()) {
      Securable sec = securable(m.group(3).strip(), session);
      String principal = HiveCatalog.unquote(m.group(4));
      session.requirePrincipal(principal);
      List<String> privileges = HiveAcls.privileges(m.group(2), sec.kind(), sec.objectKey() == null ? "" : sec.objectKey());
      if (m.group(1).equalsIgnoreCase("GRANT")) {
        catalog.acls.grant(sec.aclKey(), principal, privileges);
      } else {
        catalog.acls.deny(sec.aclKey(), principal, privileges);
      }
      return Result.empty();
    }
    if ((m = REVOKE.matcher(s)).matches()) {
      Securable sec = securable(m.group(2).strip(), session);
      List<String> privileges = HiveAcls.privileges(m.group(1), sec.kind(), sec.objectKey() == null ? "" : sec.objectKey());
      catalog.acls.revoke(sec.aclKey(), HiveCatalog.unquote(m.group(3)), privileges);
      return Result.empty();
    }
    throw HiveCatalog.parseError("the emulator does not support this statement: " + (s.length() > 60 ? s.substring(0, 60) + "..." : s));
  }

  // ------------------------------------------------------------ databases

  private Result createDatabase(HiveSession session, String name, boolean ifNotExists, String clauses) {
    if (catalog.hasDatabase(name)) {
      if (!ifNotExists) {
        throw new SqlError("SCHEMA_ALREADY_EXISTS", "42P06", "Cannot create schema `" + name + "` because it already exists.");
      }
      return Result.empty();
    }
    String comment = null;
    String location = null;
    Map<String, String> properties = new TreeMap<>();
    SqlTokens t = new SqlTokens(clauses);
    while (!t.atEnd()) {
      if (t.accept("COMMENT")) {
        comment = t.string("COMMENT");
      } else if (t.accept("LOCATION")) {
        location = qualifiedPath(t.string("LOCATION"));
      } else if (t.accept("WITH") && (t.accept("DBPROPERTIES") || t.accept("PROPERTIES"))) {
        properties.putAll(databaseProperties(t.properties("DBPROPERTIES")));
      } else {
        throw HiveCatalog.parseError("unexpected " + t.peek().text() + " in CREATE DATABASE");
      }
    }
    Database d = catalog.createDatabase(name, session.user());
    d.comment = comment;
    if (location != null) {
      d.location = location;
    }
    d.properties.putAll(properties);
    return Result.empty();
  }

  private static Map<String, String> databaseProperties(Map<String, String> props) {
    for (String k : props.keySet()) {
      if (RESERVED_DATABASE_PROPERTIES.contains(k.toLowerCase(Locale.ROOT))) {
        throw new SqlError("UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY", "0A000", "The feature is not supported: "
            + k + " is a reserved namespace property, please use the " + k.toUpperCase(Locale.ROOT) + " clause to specify it.");
      }
    }
    return props;
  }

  /** A path as the metastore stores it: scheme-less absolute paths are on DBFS, no trailing slash. */
  private static String qualifiedPath(String path) {
    String p = path.startsWith("/") ? "dbfs:" + path : path;
    return p.length() > 1 && p.endsWith("/") && !p.endsWith(":/") ? p.substring(0, p.length() - 1) : p;
  }

  private Result describeDatabase(String name, boolean extended) {
    Database d = catalog.database(name);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Catalog Name", "spark_catalog"));
    rows.add(List.of("Namespace Name", name));
    rows.add(List.of("Comment", d.comment == null ? "" : d.comment));
    rows.add(List.of("Location", d.location));
    rows.add(List.of("Owner", d.owner == null ? "" : d.owner));
    if (extended) {
      List<String> kv = new ArrayList<>();
      d.properties.forEach((k, v) -> kv.add("(" + k + "," + v + ")"));
      rows.add(List.of("Properties", kv.isEmpty() ? "" : "(" + String.join(", ", kv) + ")"));
    }
    return new Result(List.of("database_description_item", "database_description_value"), rows);
  }

  private Result dropDatabase(String name, boolean ifExists, boolean cascade) {
    if (!catalog.hasDatabase(name)) {
      if (!ifExists) {
        catalog.database(name);
      }
      return Result.empty();
    }
    if (!catalog.database(name).relations.isEmpty() && !cascade) {
      throw new SqlError("SCHEMA_NOT_EMPTY", "2BP01", "Cannot drop a schema `" + name + "` because it contains objects.");
    }
    catalog.dropDatabase(name);
    return Result.empty();
  }

  // ------------------------------------------------------------ tables and views

  private Result createRelation(HiveSession session, boolean view, String[] dt, boolean replace, boolean ifNotExists, String tail) {
    Database d = catalog.database(dt[0]);
    Relation existing = d.relations.get(dt[1]);
    if (existing != null && !replace) {
      if (!ifNotExists) {
        throw new SqlError("TABLE_OR_VIEW_ALREADY_EXISTS", "42P07",
            "Cannot create table or view `" + dt[0] + "`.`" + dt[1] + "` because it already exists.");
      }
      return Result.empty();
    }
    if (existing != null && existing.view != view) {
      throw wrongType(existing, dt, "CREATE OR REPLACE " + (view ? "VIEW" : "TABLE"));
    }
    Relation r = new Relation(view);
    r.ddlTail = tail;
    r.owner = existing != null ? existing.owner : session.user();
    if (view) {
      bindView(session, dt, r, viewQuery(tail));
    }
    d.relations.put(dt[1], r);
    return Result.empty();
  }

  /** Resolves what the view reads (each must exist, no cycle) in the session's current database. */
  private void bindView(HiveSession session, String[] dt, Relation r, String query) {
    List<String> reads = new ArrayList<>();
    for (String[] ref : ViewReferences.of(query, session.database())) {
      if (!(ref[0].equals(dt[0]) && ref[1].equals(dt[1]))) {
        catalog.relation(ref);
      }
      reads.add(ref[0] + "." + ref[1]);
    }
    catalog.checkNoCycle(dt[0] + "." + dt[1], reads);
    r.namespace = session.database();
    r.reads = List.copyOf(reads);
  }

  private Result alterViewQuery(HiveSession session, String[] dt, String query) {
    Relation r = catalog.relation(dt);
    if (!r.view) {
      throw wrongType(r, dt, "ALTER VIEW ... AS");
    }
    bindView(session, dt, r, query);
    // the column list and its comments come from the new query; comment and properties stay
    String head = r.ddlTail.substring(0, topLevelAs(r.ddlTail));
    head = head.strip().startsWith("(") ? head.strip().substring(closingParen(head.strip()) + 1) : head;
    r.ddlTail = (head.isBlank() ? "" : "\n" + head.strip()) + "\nAS " + query;
    return Result.empty();
  }

  private Result dropRelation(boolean view, boolean ifExists, String[] dt) {
    Database d = catalog.hasDatabase(dt[0]) ? catalog.database(dt[0]) : null;
    Relation r = d == null ? null : d.relations.get(dt[1]);
    if (r == null) {
      if (!ifExists) {
        catalog.relation(dt);
      }
      return Result.empty();
    }
    if (r.view != view) {
      throw new SqlError("WRONG_COMMAND_FOR_OBJECT_TYPE", "42809", "The operation DROP " + (view ? "VIEW" : "TABLE")
          + " requires a " + (view ? "VIEW" : "TABLE") + ". But `" + dt[0] + "`.`" + dt[1] + "` is a "
          + (r.view ? "VIEW" : "TABLE") + ". Use DROP " + (r.view ? "VIEW" : "TABLE") + " instead.");
    }
    d.relations.remove(dt[1]);
    catalog.acls.drop("TABLE " + dt[0] + "." + dt[1]);
    return Result.empty();
  }

  private Result tblProperties(String[] dt, String key) {
    Relation r = catalog.relation(dt);
    Map<String, String> props = new TreeMap<>(relationProperties(r));
    if (r.view) {
      props.put("view.catalogAndNamespace.numParts", "2");
      props.put("view.catalogAndNamespace.part.0", "spark_catalog");
      props.put("view.catalogAndNamespace.part.1", r.namespace);
    }
    List<List<String>> rows = new ArrayList<>();
    if (key != null) {
      rows.add(List.of(key, props.getOrDefault(key, "Table spark_catalog." + dt[0] + "." + dt[1]
          + " does not have property: " + key)));
    } else {
      props.forEach((k, v) -> rows.add(List.of(k, v)));
    }
    return new Result(List.of("key", "value"), rows);
  }

  /** The TBLPROPERTIES clause of a relation's DDL (before a view's AS). */
  private static Map<String, String> relationProperties(Relation r) {
    String head = r.view ? r.ddlTail.substring(0, topLevelAs(r.ddlTail)) : r.ddlTail;
    SqlTokens t = new SqlTokens(head);
    int depth = 0;
    while (!t.atEnd()) {
      SqlTokens.Token tok = t.peek();
      if (depth == 0 && tok.is("TBLPROPERTIES")) {
        t.next();
        return t.properties("TBLPROPERTIES");
      }
      depth += tok.isSymbol('(') ? 1 : tok.isSymbol(')') ? -1 : 0;
      t.next();
    }
    return Map.of();
  }

  /** Where the query of a view's DDL tail starts (just past its top-level AS). */
  static int topLevelAs(String tail) {
    int depth = 0;
    for (int i = 0; i < tail.length(); i++) {
      char c = tail.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = i + 1;
        while (end < tail.length() && tail.charAt(end) != c) {
          end += tail.charAt(end) == '\\' && c != '`' ? 2 : 1;
        }
        i = end;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && (c == 'A' || c == 'a') && tail.regionMatches(true, i, "AS", 0, 2)
          && (i == 0 || !Character.isLetterOrDigit(tail.charAt(i - 1)))
          && (i + 2 >= tail.length() || !Character.isLetterOrDigit(tail.charAt(i + 2)) && tail.charAt(i + 2) != '_')) {
        return i;
      }
    }
    throw HiveCatalog.parseError("CREATE VIEW without AS query");
  }

  private static String viewQuery(String tail) {
    return tail.substring(topLevelAs(tail) + 2).strip();
  }

  private static int closingParen(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    return s.length() - 1;
  }

  private static SqlError wrongType(Relation r, String[] dt, String operation) {
    String name = "`" + dt[0] + "`.`" + dt[1] + "`";
    return r.view
        ? new SqlError("EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW", "42809",
            "'" + operation + "' expects a table but " + name + " is a view. Please use ALTER VIEW instead.")
        : new SqlError("EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE", "42809",
            "The table " + name + " does not support " + operation + ". Please use ALTER TABLE instead.");
  }

  // ------------------------------------------------------------ ownership and ACLs

  private Result alterOwner(HiveSession session, String type, String name, String principal) {
    session.requirePrincipal(principal);
    if (type.equals("DATABASE") || type.equals("SCHEMA")) {
      catalog.database(HiveCatalog.databaseName(name)).owner = principal;
      return Result.empty();
    }
    String[] dt = HiveCatalog.relationName(name, session);
    Relation r = catalog.relation(dt);
    if (r.view != type.equals("VIEW")) {
      throw wrongType(r, dt, "ALTER " + type + " ... OWNER TO");
    }
    r.owner = principal;
    return Result.empty();
  }

  private Securable securable(String text, HiveSession session) {
    Matcher m;
    if ((m = ON_CATALOG.matcher(text)).matches()) {
      String name = m.group(1) == null ? null : HiveCatalog.databaseName(m.group(1));
      if (name != null && !name.equals("spark_catalog") && !name.equals("hive_metastore")) {
        throw new SqlError("NO_SUCH_CATALOG_EXCEPTION", "42704", "Catalog '" + name + "' was not found.");
      }
      return new Securable(HiveAcls.CATALOG, HiveAcls.CATALOG, "CATALOG$", null, null, null);
    }
    if (ON_ANY_FILE.matcher(text).matches()) {
      return new Securable(HiveAcls.ANY_FILE, HiveAcls.ANY_FILE, "ANY_FILE", null, null, null);
    }
    if (ON_ANONYMOUS_FUNCTION.matcher(text).matches()) {
      return new Securable(HiveAcls.ANONYMOUS_FUNCTION, HiveAcls.ANONYMOUS_FUNCTION, "ANONYMOUS_FUNCTION", null, null, null);
    }
    if ((m = ON_DATABASE.matcher(text)).matches()) {
      String db = HiveCatalog.databaseName(m.group(1));
      return new Securable("DATABASE", "DATABASE " + db, "DATABASE", db, catalog.database(db), null);
    }
    if ((m = ON_RELATION.matcher(text)).matches()) {
      String[] dt = HiveCatalog.relationName(m.group(2), session);
      Relation r = catalog.relation(dt);
      boolean asView = "VIEW".equalsIgnoreCase(m.group(1));
      if (asView && !r.view) {
        throw wrongType(r, dt, "VIEW");
      }
      return new Securable(r.view ? "VIEW" : "TABLE", "TABLE " + dt[0] + "." + dt[1], asView ? "VIEW" : "TABLE",
          "`" + dt[0] + "`.`" + dt[1] + "`", catalog.database(dt[0]), r);
    }
    throw HiveCatalog.parseError("unknown securable " + text);
  }

  private Result showGrants(String principal, Securable sec) {
    List<List<String>> rows = new ArrayList<>();
    String owner = sec.relation() != null ? sec.relation().owner : sec.database() != null ? sec.database().owner : null;
    if (owner != null && (principal == null || principal.equals(owner))) {
      rows.add(row(owner, "OWN", sec.objectType(), sec.objectKey()));
    }
    addRows(rows, principal, sec.aclKey(), sec.objectType(), sec.objectKey());
    if (sec.relation() != null) {
      String db = sec.aclKey().substring("TABLE ".length(), sec.aclKey().indexOf('.'));
      addRows(rows, principal, "DATABASE " + db, "DATABASE", db);
    }
    if (sec.database() != null) {
      addRows(rows, principal, HiveAcls.CATALOG, "CATALOG$", null);
    }
    return new Result(List.of("Principal", "ActionType", "ObjectType", "ObjectKey"), rows);
  }

  private void addRows(List<List<String>> rows, String principal, String aclKey, String objectType, String objectKey) {
    catalog.acls.on(aclKey).forEach((p, actions) -> {
      if (principal == null || principal.equals(p)) {
        for (String a : new TreeSet<>(actions)) {
          rows.add(row(p, a, objectType, objectKey));
        }
      }
    });
  }

  private static List<String> row(String principal, String action, String objectType, String objectKey) {
    List<String> r = new ArrayList<>(4);
    r.add(principal);
    r.add(action);
    r.add(objectType);
    r.add(objectKey);
    return r;
  }
}
