package io.dbsync.tf.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of one revision of an export that an import reads: the *.tf.json config files and the
 * artifacts under {@code <dir>/data/}. Paths are relative to the exports/ folder, with '/'.
 *
 * <p>Only regular files inside the tree are served. A symbolic link, a submodule, or a path that
 * leaves the tree ("..", absolute) is an {@link IOException} naming the path: a crafted repository
 * must not make the import upload files of the machine it runs on.
 */
public interface RevisionFiles {
  /**
   * What {@code ${path.module}} stands for: an artifact source resolves to {@code root()/<path>}. For a
   * git revision this names no folder on disk; only this interface reads the files.
   */
  Path root();

  /** Relative paths of the *.tf.json files at the top and one folder down (deeper ones are artifacts), sorted. */
  List<String> configFiles() throws IOException;

  /** True when {@code path} is a regular file of the revision; an error when it is a link or leaves the tree. */
  boolean isFile(String path) throws IOException;

  /** The file's bytes, streamed; {@link java.nio.file.NoSuchFileException} when it is not there. */
  InputStream open(String path) throws IOException;

  /** Size of the file in bytes. */
  long size(String path) throws IOException;

  /** The files of a plain folder (an exports/ directory on disk). */
  static RevisionFiles directory(Path dir) {
    return new DirectoryFiles(dir);
  }

  /**
   * The relative path an artifact source names: "${path.module}/x", {@code root()}/x (what the first
   * resolves to), or a relative "x". Empty when the source is an absolute path elsewhere.
   *
   * @throws IOException the path leaves the tree
   */
  default Optional<String> relativePath(String source) throws IOException {
    String prefix = "${path.module}/";
    String rootPrefix = root().toString() + "/";
    String rel;
    if (source.startsWith(prefix)) {
      rel = source.substring(prefix.length());
    } else if (source.startsWith(rootPrefix)) {
      rel = source.substring(rootPrefix.length());
    } else if (Path.of(source).isAbsolute()) {
      return Optional.empty();
    } else {
      rel = source;
    }
    return Optional.of(RevisionPaths.check(rel, source));
  }
}
