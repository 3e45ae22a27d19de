package io.dbsync.export;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.SourceObject;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the export tree of a workspace into an exports/ folder that may hold a previous export.
 *
 * <p>Phase 1 lists every selected kind (in parallel) and builds the reference index (type + source
 * id -> resource name). Phase 2 exports every object (in parallel, bounded) into
 * exports/<dir>/<name>.tf.json. Then the tree is made to match the workspace: files of objects that
 * are gone are removed, but a kind whose listing failed keeps all its files and an object whose
 * export failed keeps its file, so an API error never becomes a deletion. Finally variables.tf.json
 * (every ${var.x} in use) and main.tf.json (provider, data sources in use) are written.
 *
 * <p>Output is canonical and depends only on what the kinds return, so exporting an unchanged
 * workspace twice gives byte-identical trees.
 */
public final class Exporter {
  public static final int DEFAULT_PARALLELISM = 8;

  /** Data sources for built-in objects kinds may refer to, with the arguments that select them. */
  private static final Map<String, String> BUILT_IN_GROUPS = Map.of("admins", "admins", "users", "users");

  private final WorkspaceClient client;
  private final ExportConfig config;
  private final KindRegistry registry;
  private final int parallelism;
  private final ExportListener listener;
  private final String providerVersion;

  public Exporter(WorkspaceClient client, ExportConfig config, KindRegistry registry, int parallelism,
                  ExportListener listener, String providerVersion) {
    this.client = client;
    this.config = config;
    this.registry = registry;
    this.parallelism = parallelism > 0 ? parallelism : DEFAULT_PARALLELISM;
    this.listener = listener == null ? ExportListener.NONE : listener;
    this.providerVersion = providerVersion;
  }

  public Exporter(WorkspaceClient client, ExportConfig config, KindRegistry registry) {
    this(client, config, registry, DEFAULT_PARALLELISM, ExportListener.NONE, null);
  }

  private record Listing(Kind kind, List<SourceObject> objects, String error) {}

  private static final class Counts {
    final AtomicInteger exported = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
  }

  /** Exports into {@code exportsDir} (created if needed), updating a previous export in place. */
  public ExportOutcome export(Path exportsDir) throws IOException, InterruptedException {
    Files.createDirectories(exportsDir);
    ConcurrentLinkedQueue<Problem> warnings = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Problem> failures = new ConcurrentLinkedQueue<>();
    VariableDeclarations variables = new VariableDeclarations();
    Map<String, String> index = new ConcurrentHashMap<>();

    List<Kind> selected = new ArrayList<>();
    for (Kind k : registry.exportable()) {
      if (!config.selects(k.configKey())) {
        continue;
      }
      if (!ExportPaths.isDirectoryName(k.directory())) {
        failures.add(new Problem(k.type(), null, "kind directory '" + k.directory() + "' is not a plain folder name"));
        continue;
      }
      selected.add(k);
    }
    Set<String> servedKeys = new HashSet<>();
    registry.exportable().forEach(k -> servedKeys.add(k.configKey()));
    for (String key : config.objectKeys()) {
      if (!servedKeys.contains(key)) {
        warnings.add(new Problem(null, null, "objects." + key + ": no kind in this build exports it; skipped"));
      }
    }

    // ---------------------------------------------------------------- phase 1: list
    List<Listing> listings = runAll(selected, k -> list(k, warnings));
    Map<Kind, List<SourceObject>> named = assignNames(listings, index);
    Set<String> failedDirs = new HashSet<>();
    int total = 0;
    for (Listing l : listings) {
      if (l.error != null) {
        failedDirs.add(l.kind.directory());
        SourceIds.load(exportsDir.resolve(l.kind.directory()), l.kind.type(), index);
        failures.add(new Problem(l.kind.type(), null, "listing failed, previous files kept: " + l.error));
      } else {
        total += named.get(l.kind).size();
      }
    }
    listener.exportStarted(total);

    // ---------------------------------------------------------------- phase 2: export
    Map<Kind, Counts> counts = new LinkedHashMap<>();
    Set<Path> written = ConcurrentHashMap.newKeySet();
    Set<Path> keptAfterFailure = ConcurrentHashMap.newKeySet();
    List<Runnable> tasks = new ArrayList<>();
    for (Listing l : listings) {
      Counts c = new Counts();
      counts.put(l.kind, c);
      if (l.error != null) {
        continue;
      }
      Path kindDir = exportsDir.resolve(l.kind.directory());
      for (SourceObject obj : named.get(l.kind)) {
        tasks.add(() -> exportOne(l.kind, obj, kindDir, index, variables, warnings, failures, c, written, keptAfterFailure));
      }
    }
    runAll(tasks, t -> {
      t.run();
      return null;
    });

    // ---------------------------------------------------------------- make the tree match
    boolean nothingListed = !listings.isEmpty() && listings.stream().allMatch(l -> l.error != null);
    Map<String, Integer> keptPerDir = prune(exportsDir, selected, failedDirs, written, keptAfterFailure, nothingListed);
    SourceIds.write(exportsDir, listings.stream().filter(l -> l.error == null).map(Listing::kind).toList(),
        failedDirs, named, written, keptAfterFailure);
    writeRootFiles(exportsDir, variables, warnings);
    listener.finished();

    List<KindResult> results = new ArrayList<>();
    for (Listing l : listings) {
      Counts c = counts.get(l.kind);
      int kept = l.error != null ? keptPerDir.getOrDefault(l.kind.directory(), 0) : c.failed.get();
      results.add(new KindResult(l.kind.type(), l.kind.configKey(), l.kind.directory(),
          l.error != null ? 0 : named.get(l.kind).size(), c.exported.get(), c.failed.get(), c.skipped.get(),
          kept, l.error));
    }
    return new ExportOutcome(List.copyOf(results), sorted(failures), sorted(warnings));
  }

  private Listing list(Kind kind, ConcurrentLinkedQueue<Problem> warnings) {
    ObjectContext ctx = new ObjectContext(client, kind, config.settingsOrEmpty(kind.configKey()), null,
        null, Map.of(), new VariableDeclarations(), warnings::add);
    try {
      List<SourceObject> objects = kind.list(ctx);
      List<SourceObject> out = objects == null ? List.of() : objects;
      listener.listed(kind, out.size(), null);
      return new Listing(kind, out, null);
    } catch (Exception e) {
      listener.listed(kind, 0, e);
      return new Listing(kind, null, describe(e));
    } catch (Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      listener.listed(kind, 0, new RuntimeException(e));
      return new Listing(kind, null, describe(e));
    }
  }

  /**
   * Final resource names: a kind's name when it is a valid identifier, else Names.safe of it; names
   * that collide within one directory (two kinds may share it) all get a hash of their id appended,
   * so no file overwrites another. Duplicate ids in one listing are exported once.
   */
  private static Map<Kind, List<SourceObject>> assignNames(List<Listing> listings, Map<String, String> index) {
    Map<String, Map<String, Integer>> usesPerDir = new HashMap<>();
    Map<Kind, List<SourceObject>> cleaned = new LinkedHashMap<>();
    for (Listing l : listings) {
      if (l.error != null) {
        continue;
      }
      Map<String, SourceObject> byId = new LinkedHashMap<>();
      for (SourceObject o : l.objects) {
        if (o == null || o.id() == null) {
          continue;
        }
        String name = ExportPaths.isIdentifier(o.name()) ? o.name() : Names.safe(o.name() == null ? o.id() : o.name());
        byId.putIfAbsent(o.id(), new SourceObject(o.id(), name, o.details()));
      }
      List<SourceObject> objs = new ArrayList<>(byId.values());
      cleaned.put(l.kind, objs);
      Map<String, Integer> uses = usesPerDir.computeIfAbsent(l.kind.directory(), d -> new HashMap<>());
      objs.forEach(o -> uses.merge(o.name(), 1, Integer::sum));
    }
    for (Map.Entry<Kind, List<SourceObject>> e : cleaned.entrySet()) {
      Kind kind = e.getKey();
      Map<String, Integer> uses = usesPerDir.get(kind.directory());
      List<SourceObject> renamed = new ArrayList<>();
      for (SourceObject o : e.getValue()) {
        String name = uses.get(o.name()) > 1 ? o.name() + "_" + Names.hash8(kind.type() + "/" + o.id()) : o.name();
        renamed.add(new SourceObject(o.id(), name, o.details()));
        index.put(ObjectContext.key(kind.type(), o.id()), name);
      }
      e.setValue(renamed);
    }
    return cleaned;
  }

  private void exportOne(Kind kind, SourceObject obj, Path kindDir, Map<String, String> index,
                         VariableDeclarations variables, ConcurrentLinkedQueue<Problem> warnings,
                         ConcurrentLinkedQueue<Problem> failures, Counts c, Set<Path> written, Set<Path> kept) {
    Path file = kindDir.resolve(obj.name() + ExportPaths.SUFFIX);
    ObjectContext ctx = new ObjectContext(client, kind, config.settingsOrEmpty(kind.configKey()), obj.name(),
        kindDir, index, variables, warnings::add);
    Exception error = null;
    try {
      List<ExportedResource> resources = kind.export(ctx, obj);
      if (resources == null || resources.isEmpty()) {
        c.skipped.incrementAndGet(); // gone since the listing: its old file is stale and goes
      } else {
        ExportTree.writeIfChanged(file, TfJson.writeBytes(document(resources)));
        written.add(file);
        c.exported.incrementAndGet();
      }
    } catch (Exception e) {
      error = e;
    } catch (Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      error = new RuntimeException(e);
    }
    if (error != null) {
      c.failed.incrementAndGet();
      kept.add(file);
      failures.add(new Problem(kind.type(), obj.name(), describe(error)));
    }
    listener.exported(kind, obj.name(), error);
  }

  /** {"resource": {type: {name: attrs}}} for all resources of one object. */
  static ObjectNode document(List<ExportedResource> resources) {
    ObjectNode doc = TfJson.object();
    ObjectNode res = doc.putObject("resource");
    for (ExportedResource r : resources) {
      if (!ExportPaths.isIdentifier(r.name()) || r.type() == null || !r.type().matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException("invalid resource address " + r.type() + "." + r.name());
      }
      ObjectNode byType = res.has(r.type()) ? (ObjectNode) res.get(r.type()) : res.putObject(r.type());
      if (byType.has(r.name())) {
        throw new IllegalArgumentException("duplicate resource " + r.address());
      }
      byType.set(r.name(), r.attrs() == null ? TfJson.object() : r.attrs());
    }
    return doc;
  }

  /**
   * Removes what no longer exists: in each exported directory, files of objects not written this run
   * (except those whose export failed) and artifacts no remaining file refers to; directories of
   * kinds that are not selected; stray files. Directories of kinds whose listing failed are not
   * touched. When every listing failed nothing is removed at all.
   */
  private Map<String, Integer> prune(Path exportsDir, List<Kind> selected, Set<String> failedDirs, Set<Path> written,
                                     Set<Path> keptAfterFailure, boolean nothingListed) throws IOException {
    Map<String, Integer> keptPerDir = new HashMap<>();
    for (String dir : failedDirs) {
      keptPerDir.put(dir, ExportTree.tfFiles(exportsDir.resolve(dir)).size());
    }
    if (nothingListed) {
      return keptPerDir;
    }
    Set<String> selectedDirs = new LinkedHashSet<>();
    selected.forEach(k -> selectedDirs.add(k.directory()));
    for (Path child : ExportTree.children(exportsDir)) {
      String name = child.getFileName().toString();
      if (Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        if (!selectedDirs.contains(name)) {
          ExportTree.deleteRecursively(child);
        }
      } else if (!name.equals(ExportPaths.MAIN) && !name.equals(ExportPaths.VARIABLES)) {
        Files.delete(child);
      }
    }
    for (String dir : selectedDirs) {
      if (failedDirs.contains(dir)) {
        continue;
      }
      Path kindDir = exportsDir.resolve(dir);
      Set<Path> keep = new HashSet<>();
      keep.add(kindDir.resolve(SourceIds.FILE));
      for (Path f : ExportTree.children(kindDir)) {
        if (written.contains(f) || keptAfterFailure.contains(f)) {
          keep.add(f);
        }
      }
      ExportTree.References refs = ExportTree.scan(keep.stream().sorted().toList());
      for (String artifact : refs.artifacts) {
        Path p = exportsDir.resolve(artifact).normalize();
        if (p.startsWith(kindDir.resolve(ExportPaths.DATA))) {
          keep.add(p);
        }
      }
      ExportTree.pruneFiles(kindDir, keep);
      List<Path> left = ExportTree.children(kindDir);
      if (Files.isDirectory(kindDir) && (left.isEmpty() || left.equals(List.of(kindDir.resolve(SourceIds.FILE))))) {
        ExportTree.deleteRecursively(kindDir);
      }
    }
    return keptPerDir;
  }

  private void writeRootFiles(Path exportsDir, VariableDeclarations variables, ConcurrentLinkedQueue<Problem> warnings)
      throws IOException {
    List<Path> files = new ArrayList<>(ExportTree.tfFiles(exportsDir));
    Path mainFile = exportsDir.resolve(ExportPaths.MAIN);
    Path varsFile = exportsDir.resolve(ExportPaths.VARIABLES);
    files.remove(mainFile);
    files.remove(varsFile);
    ExportTree.References refs = ExportTree.scan(files);

    JsonNode previousVars = readOrNull(varsFile);
    if (refs.variables.isEmpty()) {
      Files.deleteIfExists(varsFile);
    } else {
      List<String> undeclared = new ArrayList<>();
      ObjectNode doc = variables.document(refs.variables, previousVars, undeclared);
      for (String v : undeclared) {
        warnings.add(new Problem(null, null, "variable " + v + " is used but no kind declared it; declared as a plain string"));
      }
      ExportTree.writeIfChanged(varsFile, TfJson.writeBytes(doc));
    }

    JsonNode previousMain = readOrNull(mainFile);
    ObjectNode main = TfJson.object();
    ObjectNode provider = main.putObject("terraform").putObject("required_providers").putObject("databricks");
    provider.put("source", "databricks/databricks");
    if (providerVersion != null && !providerVersion.isBlank()) {
      provider.put("version", providerVersion);
    }
    main.putObject("provider").putObject("databricks");
    ObjectNode data = TfJson.object();
    for (String address : refs.dataSources) {
      int dot = address.indexOf('.');
      String type = address.substring(0, dot);
      String name = address.substring(dot + 1);
      ObjectNode block = dataSource(type, name);
      JsonNode old = previousMain == null ? null : previousMain.path("data").path(type).get(name);
      if (block == null && old != null && old.isObject()) {
        block = (ObjectNode) old;
      }
      if (block == null) {
        warnings.add(new Problem(type, name, "data source data." + address + " is referenced but not known; not declared"));
        continue;
      }
      ObjectNode byType = data.has(type) ? (ObjectNode) data.get(type) : data.putObject(type);
      byType.set(name, block);
    }
    if (!data.isEmpty()) {
      main.set("data", data);
    }
    ExportTree.writeIfChanged(mainFile, TfJson.writeBytes(main));
  }

  /** Arguments of a built-in data source, or null when it is not one this exporter knows. */
  private static ObjectNode dataSource(String type, String name) {
    if (type.equals("databricks_group") && BUILT_IN_GROUPS.containsKey(name)) {
      ObjectNode n = TfJson.object();
      n.put("display_name", BUILT_IN_GROUPS.get(name));
      return n;
    }
    if (type.equals("databricks_current_user")) {
      return TfJson.object();
    }
    return null;
  }

  private static JsonNode readOrNull(Path file) {
    try {
      return Files.isRegularFile(file) ? TfJson.read(Files.readAllBytes(file)) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private interface Task<T, R> {
    R run(T t) throws Exception;
  }

  /** Runs one task per item on virtual threads, at most {@code parallelism} at a time, keeping order. */
  private <T, R> List<R> runAll(List<T> items, Task<T, R> task) throws InterruptedException, IOException {
    Semaphore permits = new Semaphore(parallelism);
    List<Future<R>> futures = new ArrayList<>();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        futures.add(exec.submit(() -> {
          permits.acquire();
          try {
            return task.run(item);
          } finally {
            permits.release();
          }
        }));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IOException(cause);
        }
      }
      return out;
    }
  }

  static String describe(Throwable e) {
    String msg = e.getMessage();
    String text = e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  private static List<Problem> sorted(ConcurrentLinkedQueue<Problem> q) {
    List<Problem> l = new ArrayList<>(q);
    l.sort(Problem.ORDER);
    return List.copyOf(l);
  }
}
