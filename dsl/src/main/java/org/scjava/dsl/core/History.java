package org.scjava.dsl.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance log of an Atlas: every verb appends one {@link Entry} (verb, parameters, time, duration). Model
 * verbs put the checkpoint sha256, vocabulary size and gene-match rate into the parameters so a paper can cite
 * exactly what produced a result. Written to h5ad as {@code uns["scjava"]["history"]} (a JSON string array) and
 * read back, so the log survives a save/load cycle.
 */
public final class History {

    /** One verb application. {@code params} holds only JSON-friendly values (numbers, strings, booleans, lists, maps). */
    public record Entry(String verb, Map<String, Object> params, Instant time, long durationMillis) {
        public Entry {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        @Override
        public String toString() {
            return time + "  " + verb + " " + params + " (" + durationMillis + " ms)";
        }
    }

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private final List<Entry> entries = new ArrayList<>();

    public History() {
    }

    public History(History other) {
        entries.addAll(other.entries);
    }

    /** Appends an entry; {@code startNanos} from {@link System#nanoTime()} at the verb's start. */
    public Entry add(String verb, Map<String, Object> params, long startNanos) {
        Entry e = new Entry(verb, params, Instant.now(), (System.nanoTime() - startNanos) / 1_000_000);
        entries.add(e);
        return e;
    }

    public Entry add(Entry entry) {
        entries.add(entry);
        return entry;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The last entry for {@code verb}, or null. */
    public Entry last(String verb) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).verb().equals(verb)) {
                return entries.get(i);
            }
        }
        return null;
    }

    /** Each entry as one JSON object string (the on-disk form). */
    public String[] toJson() {
        String[] out = new String[entries.size()];
        for (int i = 0; i < out.length; i++) {
            Entry e = entries.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("verb", e.verb());
            m.put("time", e.time().toString());
            m.put("duration_ms", e.durationMillis());
            m.put("params", e.params());
            out[i] = GSON.toJson(m);
        }
        return out;
    }

    /** Parses the on-disk form; throws IllegalArgumentException naming the bad entry. */
    public static History fromJson(String[] json) {
        History h = new History();
        for (int i = 0; i < json.length; i++) {
            try {
                Map<String, Object> m = GSON.fromJson(json[i], new TypeToken<LinkedHashMap<String, Object>>() { }.getType());
                @SuppressWarnings("unchecked")
                Map<String, Object> params = m.get("params") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
                Number dur = m.get("duration_ms") instanceof Number n ? n : 0;
                h.entries.add(new Entry(String.valueOf(m.get("verb")), params,
                        Instant.parse(String.valueOf(m.get("time"))), dur.longValue()));
            } catch (JsonParseException | java.time.format.DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException("history entry " + i + " is not valid JSON of scjava's form: " + e.getMessage(), e);
            }
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }
}
