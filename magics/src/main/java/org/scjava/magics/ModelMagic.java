package org.scjava.magics;

import org.scjava.models.Models;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.ModelCard;
import org.scjava.models.runtime.Device;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.lang.model.SourceVersion;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code %model load KIND PATH [--device cpu|gpu] [--name NAME]} runs
 * {@code var NAME = Models.load("KIND", Path.of("PATH"), ModelOptions.defaults().withDevice("DEVICE"));} so the
 * handle lives in a session variable; {@code %model list} shows the loaded models; {@code %model close NAME} frees
 * one and removes its variable.
 */
public final class ModelMagic implements Magic {

    @Override
    public String name() {
        return "model";
    }

    @Override
    public String usage() {
        return "%model load KIND PATH [--device cpu|gpu] [--name NAME] | %model list | %model close NAME";
    }

    @Override
    public String help() {
        return "load: the same as typing var NAME = Models.load(\"KIND\", Path.of(\"PATH\"), "
                + "ModelOptions.defaults().withDevice(\"cpu\")); KIND is one of " + Models.kinds() + "; NAME "
                + "defaults to KIND. A model already held in NAME is closed first.\nlist: the models held in variables, "
                + "with the sha256 of their checkpoints.\nclose: closes the model in NAME (frees its native memory) and "
                + "removes the variable. Restarting the kernel closes every model.";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) throws Exception {
        if (args.isEmpty()) {
            throw MagicException.usage(this, "say load, list or close");
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        return switch (args.get(0)) {
            case "load" -> load(context, rest);
            case "list" -> list(context, rest);
            case "close" -> close(context, rest);
            default -> throw MagicException.usage(this, "unknown subcommand '" + args.get(0) + "'");
        };
    }

    private Object load(MagicContext context, List<String> args) throws Exception {
        String device = MagicArgs.takeOption(args, "--device");
        String name = MagicArgs.takeOption(args, "--name");
        if (args.size() != 2) {
            throw MagicException.usage(this, "load takes a model kind and a path");
        }
        String kind = args.get(0).toLowerCase(Locale.ROOT);
        if (!Models.kinds().contains(kind)) {
            throw new MagicException("unknown model kind '" + args.get(0) + "'; known: " + Models.kinds());
        }
        try {
            device = (device == null ? Device.preferred() : Device.parse(device)).key();
        } catch (IllegalArgumentException e) {
            throw MagicException.usage(this, e.getMessage());
        }
        name = name == null ? kind : name;
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            throw new MagicException("'" + name + "' is not a Java variable name; choose one with --name");
        }
        Object previous = context.value(name).orElse(null);
        if (previous instanceof FoundationModel old) {
            old.close();
            System.out.println("closed the model previously held in " + name);
        }
        System.out.println(name + " = Models.load(\"" + kind + "\", Path.of(\"" + args.get(1) + "\"), "
                + "ModelOptions.defaults().withDevice(\"" + device + "\"))");
        String loading = "__scjava_loading_" + name;
        context.eval("var " + loading + " = org.scjava.models.Models.load(\"" + kind + "\", java.nio.file.Path.of(\""
                + javaString(args.get(1)) + "\"), org.scjava.models.ModelOptions.defaults().withDevice(\"" + device + "\"));");
        try {
            // Bind the handle as its own class (e.g. Esm2Model), so kind-specific calls such as
            // attachProteinEmbeddings accept it without a cast; FoundationModel when that class is not public.
            Object model = context.value(loading).orElse(null);
            String type = model != null && Modifier.isPublic(model.getClass().getModifiers())
                    ? model.getClass().getCanonicalName() : FoundationModel.class.getCanonicalName();
            context.eval(type + " " + name + " = (" + type + ") " + loading + ";");
        } finally {
            context.drop(loading);
        }
        return context.value(name).orElse(null);
    }

    private Object list(MagicContext context, List<String> args) {
        if (!args.isEmpty()) {
            throw MagicException.usage(this, "list takes no arguments");
        }
        Map<String, FoundationModel> models = ModelHandles.find(context);
        if (models.isEmpty()) {
            return "no models loaded; %model load KIND PATH loads one";
        }
        List<ModelCard> cards = models.values().stream().map(FoundationModel::card).toList();
        return Table.create("models",
                StringColumn.create("variable", new ArrayList<>(models.keySet())),
                StringColumn.create("kind", cards.stream().map(ModelCard::kind).toList()),
                StringColumn.create("checkpoint", cards.stream().map(ModelCard::checkpoint).toList()),
                StringColumn.create("sha256", cards.stream().map(ModelCard::checkpointSha256).toList()),
                IntColumn.create("vocabulary", cards.stream().mapToInt(ModelCard::vocabSize).toArray()),
                StringColumn.create("from", cards.stream().map(ModelCard::directory).toList()));
    }

    private Object close(MagicContext context, List<String> args) {
        if (args.size() != 1) {
            throw MagicException.usage(this, "close takes the name of a variable holding a model");
        }
        String name = args.get(0);
        FoundationModel model = context.require(name, FoundationModel.class, "a model");
        model.close();
        context.drop(name);
        return "closed " + name + " (" + model.card().kind() + ", " + model.card().checkpoint() + ")";
    }

    private static String javaString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
