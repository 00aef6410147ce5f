"""Everything that makes catalogues mergeable: the clock, the one write layer, remote records.

* :mod:`kmdesk.sync.clock` issues hybrid-logical-clock stamps and reads them strictly;
* :mod:`kmdesk.sync.kinds` names every syncable kind and its fields (the names bundles and
  ``kmdesk dump`` use) and reads and writes a record's values in that form;
* :mod:`kmdesk.sync.writer` is the one layer every change of a syncable record goes through: it
  stamps what changed, tombstones what was deleted and numbers local changes;
* :mod:`kmdesk.sync.remote` applies a record received from another installation, field by field;
* :mod:`kmdesk.sync.dump` prints a catalogue's records canonically, to compare catalogues.
"""
