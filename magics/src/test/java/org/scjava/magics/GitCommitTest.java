package org.scjava.magics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GitCommitTest {

    @TempDir
    Path tmp;

    @Test
    void readsLooseAndPackedRefsAndWorktrees() throws Exception {
        Path main = Files.createDirectories(tmp.resolve("main/.git/refs/heads"));
        Files.writeString(tmp.resolve("main/.git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(main.resolve("main"), "1111111111111111111111111111111111111111\n");
        assertThat(GitCommit.describe(tmp.resolve("main").toString()))
                .isEqualTo("commit 1111111111111111111111111111111111111111 (branch main)");

        Files.writeString(tmp.resolve("main/.git/packed-refs"), "# pack-refs\n2222222222222222222222222222222222222222 refs/heads/kernel\n");
        Path wt = Files.createDirectories(tmp.resolve("main/.git/worktrees/wt"));
        Files.writeString(wt.resolve("HEAD"), "ref: refs/heads/kernel\n");
        Files.writeString(wt.resolve("commondir"), "../..\n");
        Files.createDirectories(tmp.resolve("wt"));
        Files.writeString(tmp.resolve("wt/.git"), "gitdir: " + wt + "\n");
        assertThat(GitCommit.describe(tmp.resolve("wt").toString()))
                .isEqualTo("commit 2222222222222222222222222222222222222222 (branch kernel)");
        assertThat(GitCommit.describe(tmp.resolve("nowhere").toString())).isEmpty();
    }
}
