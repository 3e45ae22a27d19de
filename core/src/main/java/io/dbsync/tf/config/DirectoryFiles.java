package io.dbsync.tf.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link RevisionFiles} of a folder on disk. Links are never followed: every segment of a path below
 * the folder is checked, so a link to /etc or to ~/.databrickscfg is refused, not read.
 */
final class DirectoryFiles implements RevisionFiles {
  private final Path root;

  DirectoryFiles(Path dir) {
    this.root = dir.toAbsolutePath().normalize();
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public List<String> configFiles() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root, 2)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tf.json")).sorted().toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (isFile(rel)) {
          out.add(rel);
        }
      }
    }
    return out;
  }

  @Override
  public boolean isFile(String path) throws IOException {
    Path p = resolve(path);
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(regularFile(path), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(regularFile(path));
  }

  private Path regularFile(String path) throws IOException {
    Path p = resolve(path);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(p.toString(), null, path + " is not a file of the exports directory");
    }
    return p;
  }

  /** The file a relative path names, refusing any path whose segments pass through a link. */
  private Path resolve(String path) throws IOException {
    RevisionPaths.check(path, path);
    Path p = root;
    for (String segment : path.split("/")) {
      p = p.resolve(segment);
      if (Files.isSymbolicLink(p)) {
        throw new IOException(path + " is a symbolic link in " + root + ": refused (links are never followed)");
      }
    }
    return p;
  }
}
