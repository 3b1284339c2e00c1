package io.laurel.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import org.bson.BsonDocument;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/** Counts the database commands the application sends (the driver's command monitoring), for round-trip tests. */
@Singleton
public class CommandCounter implements CommandListener {

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<BsonDocument> sent = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        commands.add(event.getCommandName());
        sent.add(event.getCommand().clone());
    }

    public void reset() {
        commands.clear();
        sent.clear();
    }

    /** The commands themselves, as the driver sent them (for the shard-key test). */
    public List<BsonDocument> sent() {
        return List.copyOf(sent);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }
}
