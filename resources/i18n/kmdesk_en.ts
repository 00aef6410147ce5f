<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AnnotationsView</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/annotations_view.py" line="+578"/>
        <source>Exported %n note(s) to %1</source>
        <translation>
            <numerusform>Exported %n note to %1</numerusform>
            <numerusform>Exported %n notes to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+65"/>
        <source>%1 (%n)</source>
        <comment>tag and how many notes carry it</comment>
        <translation>
            <numerusform>%1 (%n)</numerusform>
            <numerusform>%1 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(%n hidden by the text filter)</source>
        <translation>
            <numerusform>(%n hidden by the text filter)</numerusform>
            <numerusform>(%n hidden by the text filter)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BundleMessages</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/bundle_import.py" line="+139"/>
        <source>The import was undone: %n record(s) removed</source>
        <translation>
            <numerusform>The import was undone: %n record removed</numerusform>
            <numerusform>The import was undone: %n records removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>, %n restored.</source>
        <translation>
            <numerusform>, %n restored.</numerusform>
            <numerusform>, %n restored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n record(s) edited here after the import kept those edits.</source>
        <translation>
            <numerusform>%n record edited here after the import kept those edits.</numerusform>
            <numerusform>%n records edited here after the import kept those edits.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/preferences.py" line="+182"/>
        <source>This catalogue holds %n product(s).</source>
        <translation>
            <numerusform>This catalogue holds %n product.</numerusform>
            <numerusform>This catalogue holds %n products.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/conflicts_view.py" line="+281"/>
        <source>%n conflict(s) to review.</source>
        <translation>
            <numerusform>%n conflict to review.</numerusform>
            <numerusform>%n conflicts to review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContributionsView</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/contributions_view.py" line="+156"/>
        <source>%n contribution(s) waiting for review.</source>
        <translation>
            <numerusform>%n contribution waiting for review.</numerusform>
            <numerusform>%n contributions waiting for review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/detail_pane.py" line="+208"/>
        <source>Notes (%n)</source>
        <translation>
            <numerusform>Notes (%n)</numerusform>
            <numerusform>Notes (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+94"/>
        <source>text, %n page(s)</source>
        <translation>
            <numerusform>text, %n page</numerusform>
            <numerusform>text, %n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportBundleDialog</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/bundle_export.py" line="+445"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n knowledge need(s)</source>
        <translation>
            <numerusform>%n knowledge need</numerusform>
            <numerusform>%n knowledge needs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n attachment file(s)</source>
        <translation>
            <numerusform>%n attachment file</numerusform>
            <numerusform>%n attachment files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n deletion(s)</source>
        <translation>
            <numerusform>%n deletion</numerusform>
            <numerusform>%n deletions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>in about %n part(s)</source>
        <translation>
            <numerusform>in about %n part</numerusform>
            <numerusform>in about %n parts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+142"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/facet_panel.py" line="+255"/>
        <source>%1 (%n selected)</source>
        <translation>
            <numerusform>%1 (%n selected)</numerusform>
            <numerusform>%1 (%n selected)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HighlightsPanel</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/pdf_highlights.py" line="+800"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n highlight</numerusform>
            <numerusform>%n highlights</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KnowledgeMapModel</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/knowledge_map.py" line="+286"/>
        <source>%1 × %2: %n product(s)</source>
        <translation>
            <numerusform>%1 × %2: %n product</numerusform>
            <numerusform>%1 × %2: %n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KnowledgeMapView</name>
    <message numerus="yes">
        <location line="+293"/>
        <source>%n knowledge need(s)</source>
        <translation>
            <numerusform>%n knowledge need</numerusform>
            <numerusform>%n knowledge needs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n without a product</source>
        <translation>
            <numerusform>%n without a product</numerusform>
            <numerusform>%n without a product</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n combination(s) without a product</source>
        <translation>
            <numerusform>%n combination without a product</numerusform>
            <numerusform>%n combinations without a product</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>%1 × %2: %n product(s)</source>
        <translation>
            <numerusform>%1 × %2: %n product</numerusform>
            <numerusform>%1 × %2: %n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/main_window.py" line="+403"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n knowledge need(s)</source>
        <translation>
            <numerusform>%n knowledge need</numerusform>
            <numerusform>%n knowledge needs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/notes_panel.py" line="+483"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/pdf_viewer.py" line="+595"/>
        <source>%1 of %n hit(s)</source>
        <translation>
            <numerusform>%1 of %n hit</numerusform>
            <numerusform>%1 of %n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/bundle_import.py" line="+361"/>
        <source>%n part(s)</source>
        <translation>
            <numerusform>%n part</numerusform>
            <numerusform>%n parts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message numerus="yes">
        <location line="+257"/>
        <source>%n record(s) added</source>
        <translation>
            <numerusform>%n record added</numerusform>
            <numerusform>%n records added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n deleted</source>
        <translation>
            <numerusform>%n deleted</numerusform>
            <numerusform>%n deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n attachment file(s) received.</source>
        <translation>
            <numerusform>%n attachment file received.</numerusform>
            <numerusform>%n attachment files received.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n value(s) changed here at the same time as the sender changed them were kept for review in Conflicts.</source>
        <translation>
            <numerusform>%n value changed here at the same time as the sender changed them were kept for review in Conflicts.</numerusform>
            <numerusform>%n values changed here at the same time as the sender changed them were kept for review in Conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n record(s) the sender deleted were kept: they were edited here since.</source>
        <translation>
            <numerusform>%n record the sender deleted were kept: they were edited here since.</numerusform>
            <numerusform>%n records the sender deleted were kept: they were edited here since.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n contribution(s) are waiting for a curator&apos;s review in Contributions.</source>
        <translation>
            <numerusform>%n contribution are waiting for a curator&apos;s review in Contributions.</numerusform>
            <numerusform>%n contributions are waiting for a curator&apos;s review in Contributions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/search_panel.py" line="+453"/>
        <source>“%1”: %n product(s)</source>
        <translation>
            <numerusform>“%1”: %n product</numerusform>
            <numerusform>“%1”: %n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+3"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StarRating</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/note_fields.py" line="+65"/>
        <location line="+1"/>
        <location line="+25"/>
        <source>%n star(s)</source>
        <extracomment>The highest rating.</extracomment>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
</context>
</TS>
