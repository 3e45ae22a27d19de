package io.dbsync.export;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Clients;
import io.dbsync.client.WorkspaceClouds;
import io.dbsync.config.ExportConfig;
import io.dbsync.crypto.PgpRecipient;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.SourceObject;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.Templates;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Writes the export tree of a workspace into an exports/ folder that may hold a previous export.
 *
 * <p>Phase 1 lists every selected kind (in parallel, on threads of their own) and builds the
 * reference index (type + source id -> resource name); phase 2 exports every object (in parallel,
 * bounded, slowest API family first: {@link ObjectScheduler}) into exports/<dir>/<name>.tf.json. The
 * two overlap ({@link Listings}): a directory's objects start as soon as every kind sharing the
 * directory has listed, and a reference to a type still listing waits for it ({@link ReferenceIndex}).
 * Then the tree is made to match the workspace: files of objects that
 * are gone are removed, but a kind whose listing failed keeps all its files and an object whose
 * export failed keeps its file, so an API error never becomes a deletion; kinds the config does not
 * select keep their folders, and a run that would remove a large share of a kind's files stops
 * ({@link Safeguards}). Finally variables.tf.json
 * (every ${var.x} in use) and main.tf.json (provider, data sources in use) are written.
 *
 * <p>Output is canonical and depends only on what the kinds return, so exporting an unchanged
 * workspace twice gives byte-identical trees.
 */
public final class Exporter {
  /** Concurrent listings / object exports when the client does not pace itself (else {@link Clients#PACED_PARALLELISM}). */
  public static final int DEFAULT_PARALLELISM = 8;

  private final WorkspaceClient client;
  private final ExportConfig config;
  private final KindRegistry registry;
  private final int parallelism;
  private final ExportListener listener;
  private final String providerVersion;
  private final Safeguards safeguards;
  private PgpRecipient secretValuesRecipient;
  private boolean probeArtifacts;
  private Consumer<Path> fileWritten = file -> { };

  public Exporter(WorkspaceClient client, ExportConfig config, KindRegistry registry, int parallelism,
                  ExportListener listener, String providerVersion) {
    this(client, config, registry, parallelism, listener, providerVersion, Safeguards.DEFAULT);
  }

  public Exporter(WorkspaceClient client, ExportConfig config, KindRegistry registry, int parallelism,
                  ExportListener listener, String providerVersion, Safeguards safeguards) {
    this.safeguards = safeguards == null ? Safeguards.DEFAULT : safeguards;
    this.client = client;
    this.config = config;
    this.registry = registry;
    this.parallelism = parallelism > 0 ? parallelism : defaultParallelism(client);
    this.listener = listener == null ? ExportListener.NONE : listener;
    this.providerVersion = providerVersion;
  }

  public Exporter(WorkspaceClient client, ExportConfig config, KindRegistry registry) {
    this(client, config, registry, 0, ExportListener.NONE, null);
  }

  /** The export's default parallelism for this client: higher when it paces itself ({@link Clients#defaultParallelism}). */
  public static int defaultParallelism(WorkspaceClient client) {
    return Clients.defaultParallelism(client, DEFAULT_PARALLELISM);
  }

  /** Also export secret values, encrypted to this key (null, the default: values are not exported). */
  public Exporter secretValues(PgpRecipient recipient) {
    this.secretValuesRecipient = recipient;
    return this;
  }

  /**
   * Assessment mode: artifacts are not downloaded, only their first request is made (so the API calls
   * are counted in the right family) and nothing is written under data/; the files refer to them as usual.
   */
  public Exporter probingArtifacts() {
    this.probeArtifacts = true;
    return this;
  }

  /**
   * Tells {@code listener} of each file an object's export writes (its configuration, artifacts and
   * extra files), once written; a file is not written again in the run. Called from export threads.
   */
  public Exporter onFileWritten(Consumer<Path> listener) {
    this.fileWritten = listener;
    return this;
  }

  /** One kind's listing: its objects with the names export gives them, or the error that stopped it. */
  public record Listing(Kind kind, List<SourceObject> objects, String error) {}

  /**
   * Phase 1 alone: every selected kind's listing, objects named as an export names them; nothing is
   * read object by object. Files listings write (metadata) go under {@code scratchDir}.
   */
  public List<Listing> listOnly(Path scratchDir) throws IOException, InterruptedException {
    List<Problem> problems = new ArrayList<>();
    List<Kind> selected = selectedKinds(problems, problems);
    ExportRunState run = new ExportRunState(scratchDir, List.of());
    List<Listing> listings = Parallel.map(selected, parallelism, k -> list(run, k, listener));
    Map<Kind, List<SourceObject>> named = ResourceNames.assign(listings, run.index);
    return listings.stream().map(l -> l.error != null ? l : new Listing(l.kind, named.get(l.kind), null)).toList();
  }

  /**
   * Exports into {@code exportsDir} (created if needed), updating a previous export in place.
   *
   * @throws MassDeletionException a kind would lose more of its files than the safeguards allow; the
   *     files written so far are left for the caller to discard (nothing was removed)
   */
  public ExportOutcome export(Path exportsDir) throws IOException, InterruptedException {
    Files.createDirectories(exportsDir);
    List<Problem> failures = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    List<Kind> selected = selectedKinds(failures, warnings);
    ExportRunState run = new ExportRunState(exportsDir, selected.stream().map(k -> k.info().type()).toList());
    run.failures.addAll(failures);
    run.warnings.addAll(warnings);
    for (Kind k : selected) {
      run.filesBefore.putIfAbsent(k.info().directory(), ExportTree.objectFiles(run.dir(k)));
    }
    ExportListener events = new StartedFirstListener(listener);
    // the source's cloud for main.tf.json: one request at most, beside the listings rather than after the objects
    CompletableFuture<Optional<Cloud>> sourceCloud = CompletableFuture.supplyAsync(() -> WorkspaceClouds.detect(client),
        r -> Thread.ofVirtual().start(r));

    // ------------------------------------------- phase 1 (list) and 2 (export), overlapping: Listings
    List<Listing> listings;
    Map<Kind, List<SourceObject>> named;
    try (ObjectScheduler objects = new ObjectScheduler(parallelism, (kind, obj) -> exportOne(run, kind, obj, events))) {
      Listings.Result listed = Listings.run(selected, parallelism, k -> list(run, k, events), run.index, run::dir,
          objects::add);
      listings = listed.listings();
      named = listed.named();
      int total = 0;
      for (Listing l : listings) {
        if (l.error != null) {
          run.failures.add(new Problem(l.kind.info().type(), null, "listing failed, previous files kept: " + l.error));
        } else {
          total += named.get(l.kind).size();
        }
      }
      events.exportStarted(total);
      objects.finish();
    }
    Set<String> failedDirs = new HashSet<>();
    listings.stream().filter(l -> l.error != null).forEach(l -> failedDirs.add(l.kind.info().directory()));

    // ---------------------------------------------------------------- make the tree match
    boolean nothingListed = !listings.isEmpty() && listings.stream().allMatch(l -> l.error != null);
    Set<String> selectedDirs = new LinkedHashSet<>();
    selected.forEach(k -> selectedDirs.add(k.info().directory()));
    if (!nothingListed) {
      List<MassDeletionException.Removal> massive = ExportTree.massRemovals(run, selectedDirs, failedDirs, safeguards);
      if (!massive.isEmpty()) {
        events.finished();
        throw new MassDeletionException(massive, safeguards.thresholdPercent());
      }
    }
    Map<String, Integer> keptPerDir = ExportTree.prune(run, selectedDirs, failedDirs, nothingListed,
        safeguards.pruneUnselected());
    Set<String> listedDirs = new LinkedHashSet<>(selectedDirs);
    listedDirs.removeAll(failedDirs);
    run.sourceMeta.write(listedDirs);
    SourceIds.write(exportsDir, listings.stream().filter(l -> l.error == null).map(Listing::kind).toList(),
        failedDirs, named, run.written, run.keptAfterFailure);
    Set<String> prunedDirs = nothingListed ? Set.of() : listedDirs;
    RootFiles.write(exportsDir, ExportTree.treeReferences(run, prunedDirs), run.variables, run.warnings,
        providerVersion, sourceCloud.join());
    events.finished();
    return outcome(run, listings, named, keptPerDir);
  }

  private ObjectContext.RunOptions runOptions(ExportRunState run) {
    return new ObjectContext.RunOptions(secretValuesRecipient, probeArtifacts, listener, run.sourceMeta, fileWritten);
  }

  /** The kinds the config selects; config keys no kind serves are warnings. */
  private List<Kind> selectedKinds(List<Problem> failures, List<Problem> warnings) {
    List<Kind> selected = new ArrayList<>();
    for (Kind k : registry.exportable()) {
      KindInfo info = k.info();
      if (!config.selects(info.configKey())) {
        continue;
      }
      if (!ExportPaths.isDirectoryName(info.directory())) {
        failures.add(new Problem(info.type(), null, "kind directory '" + info.directory() + "' is not a plain folder name"));
        continue;
      }
      selected.add(k);
    }
    Set<String> servedKeys = new HashSet<>();
    registry.exportable().forEach(k -> servedKeys.add(k.info().configKey()));
    for (String key : config.objectKeys()) {
      if (!servedKeys.contains(key)) {
        warnings.add(new Problem(null, null, "objects." + key + ": no kind in this build exports it; skipped"));
      }
    }
    return selected;
  }

  private Listing list(ExportRunState run, Kind kind, ExportListener events) {
    // references and variables are not resolved while listing: an empty index, declarations dropped
    ObjectContext ctx = new ObjectContext(client, kind, config.settingsOrEmpty(kind.info().configKey()), null,
        null, ReferenceIndex.EMPTY, new VariableDeclarations(), run.warnings::add, run.cache, run.dir(kind), run.written,
        run.credentials, runOptions(run));
    try {
      List<SourceObject> objects = kind.list(ctx);
      List<SourceObject> out = objects == null ? List.of() : objects;
      events.listed(kind, out.size(), null);
      return new Listing(kind, out, null);
    } catch (Exception e) {
      events.listed(kind, 0, e);
      return new Listing(kind, null, describe(e));
    } catch (Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      events.listed(kind, 0, new RuntimeException(e));
      return new Listing(kind, null, describe(e));
    }
  }

  /**
   * One object's file ({@link Kind#exportObject}). An object gone since the listing is skipped (its
   * old file is stale and goes); a failed one keeps its file.
   */
  private void exportOne(ExportRunState run, Kind kind, SourceObject obj, ExportListener events) {
    Path kindDir = run.dir(kind);
    Path file = kindDir.resolve(obj.name() + ExportPaths.SUFFIX);
    ExportRunState.Counts c = run.counts(kind);
    ObjectContext ctx = new ObjectContext(client, kind, config.settingsOrEmpty(kind.info().configKey()), obj.name(),
        kindDir, run.index, run.variables, run.warnings::add, run.cache, kindDir, run.written, run.credentials,
        runOptions(run));
    Exception error = null;
    try {
      List<ExportedResource> resources = Kind.exportObject(kind, ctx, obj);
      if (resources.isEmpty()) {
        c.skipped.incrementAndGet();
      } else {
        ObjectNode doc = document(resources, run.credentials);
        if (ExportTree.writeIfChanged(file, TfJson.writeBytes(doc))) {
          fileWritten.accept(file);
        }
        run.references.put(file, ExportTree.References.of(doc));
        run.written.add(file);
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
      run.keptAfterFailure.add(file);
      run.failures.add(new Problem(kind.info().type(), obj.name(), describe(error)));
    }
    events.exported(kind, obj.name(), error);
  }

  /**
   * {"resource": {type: {name: attrs}}} for all resources of one object. The one place where what the
   * kinds built becomes file text: credentials in URLs become variables, source strings are escaped,
   * the rendering's expressions kept.
   */
  static ObjectNode document(List<ExportedResource> resources, CredentialVariables credentials) {
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
      ObjectNode attrs = r.attrs() == null ? TfJson.object() : r.attrs();
      credentials.strip(r.type(), r.name(), attrs);
      byType.set(r.name(), Templates.render(attrs));
    }
    return doc;
  }

  private static ExportOutcome outcome(ExportRunState run, List<Listing> listings, Map<Kind, List<SourceObject>> named,
                                       Map<String, Integer> keptPerDir) {
    List<KindResult> results = new ArrayList<>();
    for (Listing l : listings) {
      ExportRunState.Counts c = run.counts(l.kind);
      KindInfo info = l.kind.info();
      int kept = l.error != null ? keptPerDir.getOrDefault(info.directory(), 0) : c.failed.get();
      results.add(new KindResult(info.type(), info.configKey(), info.directory(),
          l.error != null ? 0 : named.get(l.kind).size(), c.exported.get(), c.failed.get(), c.skipped.get(),
          kept, l.error));
    }
    return new ExportOutcome(List.copyOf(results), ExportRunState.sorted(run.failures),
        ExportRunState.sorted(run.warnings));
  }

  static String describe(Throwable e) {
    String msg = e.getMessage();
    String text = e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
