package org.scjava.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %maven G:A:V...}: resolves artifacts with their runtime dependencies through Maven Resolver (the configured
 * local repository first, then the remote ones) and adds the jars to later cells.
 */
public final class MavenMagic implements Magic {

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String usage() {
        return "%maven [--repo URL]... [--offline] GROUP:ARTIFACT:VERSION...";
    }

    @Override
    public String help() {
        return "Resolves the artifacts and their runtime dependencies with Maven Resolver and adds the jars to later "
                + "cells. Looks in the local repository (settings.xml <localRepository>, else ~/.m2/repository), then "
                + "Maven Central (or the settings.xml mirror of it) and any --repo URL. --offline uses the local "
                + "repository only.";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) {
        List<String> rest = new ArrayList<>(args);
        boolean offline = MagicArgs.takeFlag(rest, "--offline");
        List<String> repos = new ArrayList<>();
        for (String r = MagicArgs.takeOption(rest, "--repo"); r != null; r = MagicArgs.takeOption(rest, "--repo")) {
            repos.add(r);
        }
        if (rest.isEmpty()) {
            throw MagicException.usage(this, "no artifact given");
        }
        MavenResolver resolver = MavenResolver.configured(repos, offline);
        for (String coordinates : rest) {
            List<Path> jars = resolver.resolve(coordinates);
            jars.forEach(context::addToClasspath);
            System.out.println("added " + coordinates + " (" + jars.size() + " jar" + (jars.size() == 1 ? "" : "s")
                    + " from " + resolver.localRepository() + ")");
        }
        return null;
    }
}
