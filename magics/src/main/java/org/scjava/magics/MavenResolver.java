package org.scjava.magics;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves Maven coordinates to jar files with Maven Resolver: the artifact and its runtime dependencies, from the
 * local repository and the remote repositories. Failures say which artifact, where it was looked for, and why
 * (typically: offline and not in the local repository).
 */
public final class MavenResolver {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Path localRepository;
    private final List<RemoteRepository> remotes;
    private final boolean offline;

    public MavenResolver(Path localRepository, List<String> remoteUrls, boolean offline) {
        this.localRepository = localRepository;
        this.offline = offline;
        List<RemoteRepository> r = new ArrayList<>();
        for (int i = 0; i < remoteUrls.size(); i++) {
            String url = remoteUrls.get(i);
            r.add(new RemoteRepository.Builder(i == 0 && url.equals(CENTRAL) ? "central" : "repo" + i, "default", url).build());
        }
        this.remotes = List.copyOf(r);
    }

    /**
     * The user's configuration: {@code -Dmaven.repo.local} or settings.xml {@code <localRepository>} (default
     * ~/.m2/repository); Maven Central, or the settings.xml mirror of it; then {@code extraRepos}.
     */
    public static MavenResolver configured(List<String> extraRepos, boolean offline) {
        Path home = Path.of(System.getProperty("user.home"));
        Path settings = home.resolve(".m2").resolve("settings.xml");
        Path local = home.resolve(".m2").resolve("repository");
        String central = CENTRAL;
        if (Files.isReadable(settings)) {
            Document doc = parse(settings);
            String configured = text(doc.getDocumentElement(), "localRepository");
            if (configured != null) {
                local = Path.of(configured.replace("${user.home}", home.toString()));
            }
            String mirror = centralMirror(doc);
            if (mirror != null) {
                central = mirror;
            }
        }
        String override = System.getProperty("maven.repo.local");
        if (override != null && !override.isBlank()) {
            local = Path.of(override);
        }
        List<String> urls = new ArrayList<>();
        urls.add(central);
        urls.addAll(extraRepos);
        return new MavenResolver(local, urls, offline);
    }

    public Path localRepository() {
        return localRepository;
    }

    /** The jars of {@code coordinates} (group:artifact[:extension[:classifier]]:version) and its runtime dependencies. */
    public List<Path> resolve(String coordinates) {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("'" + coordinates + "' is not Maven coordinates; expected GROUP:ARTIFACT:VERSION, "
                    + "e.g. org.apache.commons:commons-math3:3.6.1");
        }
        RepositorySystem system = new RepositorySystemSupplier().get();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        // Offline, any jar present locally will do ("simple" layout); online, Maven's default remembers which
        // repository a file came from and re-checks it there.
        LocalRepository local = offline ? new LocalRepository(localRepository.toFile(), "simple")
                : new LocalRepository(localRepository.toFile());
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, local));
        session.setOffline(offline);
        CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), remotes);
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                jars.add(r.getArtifact().getFile().toPath());
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new MagicException(explain(coordinates, e), e);
        } finally {
            system.shutdown();
        }
    }

    private String explain(String coordinates, DependencyResolutionException e) {
        Set<String> reasons = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getCause() == null || t instanceof java.net.UnknownHostException || t instanceof java.net.ConnectException) {
                reasons.add(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        String where = "local repository " + localRepository + (offline ? " (offline)" : "")
                + (offline || remotes.isEmpty() ? "" : " and " + String.join(", ", remotes.stream().map(RemoteRepository::getUrl).toList()));
        boolean network = reasons.stream().anyMatch(r -> r.startsWith("UnknownHost") || r.startsWith("Connect")
                || r.contains("Network is unreachable") || r.contains("offline"));
        return "cannot resolve " + coordinates + " from " + where + ": " + String.join("; ", reasons)
                + (network || offline ? "\nThe artifact is not in the local repository and the remote repositories "
                        + "cannot be reached. On a connected machine run %maven once (or mvn dependency:get), or put "
                        + "the jars on disk and use %jars PATH." : "");
    }

    private static Document parse(Path xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(xml.toFile());
        } catch (Exception e) {
            throw new MagicException("cannot read Maven settings " + xml + ": " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    /** The URL of a settings.xml mirror of Central ({@code <mirrorOf>} "*", "central" or "external:*"). */
    private static String centralMirror(Document doc) {
        NodeList mirrors = doc.getElementsByTagName("mirror");
        for (int i = 0; i < mirrors.getLength(); i++) {
            Element m = (Element) mirrors.item(i);
            String of = text(m, "mirrorOf");
            String url = text(m, "url");
            if (url != null && of != null && List.of(of.split(",")).stream().map(String::strip)
                    .anyMatch(s -> s.equals("*") || s.equals("central") || s.equals("external:*"))) {
                return url.endsWith("/") ? url : url + "/";
            }
        }
        return null;
    }
}
