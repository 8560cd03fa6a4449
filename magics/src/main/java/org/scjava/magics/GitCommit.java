package org.scjava.magics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The git commit a checkout is at, read from its .git files (works for worktrees and packed refs). */
final class GitCommit {

    private GitCommit() {
    }

    /** "commit 1a2b3c4… (branch main)" or "" when {@code root} is not a git checkout. */
    static String describe(String root) {
        try {
            Path git = Path.of(root, ".git");
            if (Files.isRegularFile(git)) {
                String pointer = Files.readString(git).strip();
                if (!pointer.startsWith("gitdir:")) {
                    return "";
                }
                git = Path.of(root).resolve(pointer.substring("gitdir:".length()).strip());
            }
            if (!Files.isDirectory(git)) {
                return "";
            }
            Path common = git;
            Path commonFile = git.resolve("commondir");
            if (Files.isRegularFile(commonFile)) {
                common = git.resolve(Files.readString(commonFile).strip()).normalize();
            }
            String head = Files.readString(git.resolve("HEAD")).strip();
            if (!head.startsWith("ref:")) {
                return "commit " + head + " (detached)";
            }
            String ref = head.substring(4).strip();
            Optional<String> sha = read(git.resolve(ref));
            if (sha.isEmpty()) {
                sha = read(common.resolve(ref));
            }
            if (sha.isEmpty()) {
                sha = packed(common.resolve("packed-refs"), ref);
            }
            String branch = ref.replaceFirst("^refs/heads/", "");
            return sha.map(s -> "commit " + s + " (branch " + branch + ")").orElse("branch " + branch);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<String> read(Path p) throws IOException {
        return Files.isRegularFile(p) ? Optional.of(Files.readString(p).strip()) : Optional.empty();
    }

    private static Optional<String> packed(Path packedRefs, String ref) throws IOException {
        if (!Files.isRegularFile(packedRefs)) {
            return Optional.empty();
        }
        return Files.readAllLines(packedRefs).stream().filter(l -> l.endsWith(" " + ref))
                .map(l -> l.substring(0, l.indexOf(' '))).findFirst();
    }
}
