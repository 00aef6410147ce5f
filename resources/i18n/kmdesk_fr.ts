<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../src/kmdesk/gui/about.py" line="+62"/>
        <source>About kmdesk</source>
        <translation>À propos de kmdesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An offline-first catalogue of the knowledge products of civil-society partnerships: search them, read them, curate them and share them in bundles.</source>
        <translation>Un catalogue hors ligne des produits de connaissance des partenariats de la société civile&#xa0;: cherchez-les, lisez-les, organisez-les et partagez-les en lots.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>kmdesk never makes a network connection: everything stays on this computer.</source>
        <translation>kmdesk n’ouvre jamais de connexion réseau&#xa0;: tout reste sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Free software under the %1 licence.</source>
        <translation>Logiciel libre sous licence %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qt %1 · PySide6 %2 · Python %3</source>
        <translation>Qt %1 · PySide6 %2 · Python %3</translation>
    </message>
</context>
<context>
    <name>AnnotationsModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/annotations_view.py" line="+133"/>
        <source>Product</source>
        <extracomment>The role giving a cell&apos;s value to sort by (numbers and stamps, not the text shown). The role giving a row&apos;s note id (as text). The longest first line shown in the Note column. File name suffixes and the export format each chooses.</extracomment>
        <translation>Produit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating</source>
        <translation>Évaluation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Genre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visibility</source>
        <translation>Visibilité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last changed</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Shared</source>
        <translation>Partagée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Private</source>
        <translation>Privée</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Highlight</source>
        <translation>Surlignage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight p. %1</source>
        <translation>Surlignage p. %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown author</source>
        <translation>Auteur inconnu</translation>
    </message>
</context>
<context>
    <name>AnnotationsView</name>
    <message>
        <location line="+95"/>
        <source>My notes</source>
        <extracomment>Show a product: its id (a ``uuid.UUID``); on double-click or Enter, or &quot;Show product&quot;. Open a PDF at a highlight: the :class:`~kmdesk.records.AnnotationRecord`. The notes were (re)read and are shown. An export ended: the file written (a ``Path``), or ``None`` when it failed. Whether the status line says that reading failed (cleared by the next good read).</extracomment>
        <translation>Mes notes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Whose notes</source>
        <translation>Notes de qui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mine</source>
        <translation>Les miennes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partners&apos;</source>
        <translation>Des partenaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone&apos;s</source>
        <translation>De tous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any tag</source>
        <translation>Toute étiquette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visibility</source>
        <translation>Visibilité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private or shared</source>
        <translation>Privée ou partagée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private</source>
        <translation>Privée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared</source>
        <translation>Partagée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in notes</source>
        <translation>Chercher dans les notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in titles, notes, quotes, tags, authors…</source>
        <translation>Chercher dans les titres, notes, citations, étiquettes, auteurs…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Whose:</source>
        <translation>&amp;De qui :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tag:</source>
        <translation>É&amp;tiquette :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Visibility:</source>
        <translation>&amp;Visibilité :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find:</source>
        <translation>&amp;Chercher :</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No notes</source>
        <translation>Aucune note</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The selected note, as written</source>
        <translation>La note sélectionnée, telle qu’écrite</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Number of notes shown</source>
        <translation>Nombre de notes affichées</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes status</source>
        <translation>État des notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;product</source>
        <translation>Afficher le &amp;produit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the product of the note</source>
        <translation>Afficher le produit de la note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open in &amp;PDF</source>
        <translation>Ouvrir dans le &amp;PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the PDF at the highlight</source>
        <translation>Ouvrir le PDF au surlignage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the notes shown as Markdown or CSV</source>
        <translation>Exporter les notes affichées en Markdown ou en CSV</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV pour tableur (*.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the notes shown</source>
        <translation>Exporter les notes affichées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes.md</source>
        <translation>notes.md</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Nothing was exported: “%1” does not end in .md (Markdown) or .csv (CSV).</source>
        <translation>Rien n’a été exporté : « %1 » ne se termine pas par .md (Markdown) ni par .csv (CSV).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was exported: no notes are shown.</source>
        <translation>Rien n’a été exporté : aucune note n’est affichée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting…</source>
        <translation>Exportation…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Exported %n note(s) to %1</source>
        <translation>
            <numerusform>%n note exportée dans %1</numerusform>
            <numerusform>%n notes exportées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The notes were not exported. %1</source>
        <translation>Les notes n’ont pas été exportées. %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exporting notes</source>
        <translation>Exportation des notes</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The notes could not be read. %1</source>
        <translation>Les notes n’ont pas pu être lues. %1</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
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
            <numerusform>(%n masquée par le filtre de texte)</numerusform>
            <numerusform>(%n masquées par le filtre de texte)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No notes match these filters.</source>
        <translation>Aucune note ne correspond à ces filtres.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No notes from partners yet: shared notes arrive in bundles.</source>
        <translation>Pas encore de notes de partenaires : les notes partagées arrivent dans les lots.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have no notes yet: open a product and use the Notes tab, or highlight a passage in a PDF.</source>
        <translation>Vous n’avez pas encore de notes : ouvrez un produit et utilisez l’onglet Notes, ou surlignez un passage dans un PDF.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a note to read it here.</source>
        <translation>Sélectionnez une note pour la lire ici.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../../src/kmdesk/gui/app.py" line="+48"/>
        <location line="+13"/>
        <source>kmdesk</source>
        <translation>kmdesk</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <location filename="../../src/kmdesk/gui/preferences.py" line="+95"/>
        <source>Display &amp;language:</source>
        <translation>&amp;Langue d’affichage&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Colours:</source>
        <translation>&amp;Couleurs&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display language</source>
        <translation>Langue d’affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow the system</source>
        <translation>Selon le système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Claires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Sombres</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vocabulary labels and country names follow the display language where the catalogue has them.</source>
        <translation>Les libellés des vocabulaires et les noms de pays suivent la langue d’affichage quand le catalogue les a dans cette langue.</translation>
    </message>
</context>
<context>
    <name>BundleKinds</name>
    <message>
        <location filename="../../src/kmdesk/gui/bundle_import.py" line="+105"/>
        <source>Product types</source>
        <translation>Types de produits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partnerships</source>
        <translation>Partenariats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge products</source>
        <translation>Produits de connaissance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links between products</source>
        <translation>Liens entre produits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge needs</source>
        <translation>Besoins de connaissance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved searches</source>
        <translation>Recherches enregistrées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes and highlights</source>
        <translation>Notes et surlignages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletions</source>
        <translation>Suppressions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachment files</source>
        <translation>Fichiers joints</translation>
    </message>
</context>
<context>
    <name>BundleMessages</name>
    <message>
        <location line="-32"/>
        <source>The file {file} could not be read or written: {reason}.</source>
        <translation>Le fichier {file} n’a pas pu être lu ou écrit&#xa0;: {reason}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Something unexpected went wrong ({problem}). Nothing was changed; please report this to the kmdesk developers.</source>
        <translation>Un problème inattendu est survenu ({problem}). Rien n’a été modifié&#xa0;; merci de le signaler aux développeurs de kmdesk.</translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <source>The import was undone: %n record(s) removed</source>
        <translation>
            <numerusform>L’importation a été annulée&#xa0;: %n enregistrement retiré</numerusform>
            <numerusform>L’importation a été annulée&#xa0;: %n enregistrements retirés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>, %n restored.</source>
        <translation>
            <numerusform>, %n rétabli.</numerusform>
            <numerusform>, %n rétablis.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n record(s) edited here after the import kept those edits.</source>
        <translation>
            <numerusform>%n enregistrement modifié ici après l’importation a gardé ces modifications.</numerusform>
            <numerusform>%n enregistrements modifiés ici après l’importation ont gardé ces modifications.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Undo last import</source>
        <translation>Annuler la dernière importation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last bundle import? Records it added are removed and records it changed get back their earlier values; records edited here since keep those edits.</source>
        <translation>Annuler la dernière importation de lot&#xa0;? Les enregistrements qu’elle a ajoutés sont retirés et ceux qu’elle a modifiés retrouvent leurs valeurs antérieures&#xa0;; les enregistrements modifiés ici depuis gardent ces modifications.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Undoing the last import</source>
        <translation>Annulation de la dernière importation</translation>
    </message>
    <message>
        <location line="+761"/>
        <source>kmdesk bundles (*%1 *%1.001);;All files (*)</source>
        <translation>Lots kmdesk (*%1 *%1.001);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../../src/kmdesk/gui/preferences.py" line="+69"/>
        <source>Current catalogue</source>
        <translation>Catalogue actuel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Catalogue folder</source>
        <translation>Dossier du catalogue</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>This catalogue holds %n product(s).</source>
        <translation>
            <numerusform>Ce catalogue contient %n produit.</numerusform>
            <numerusform>Ce catalogue contient %n produits.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This catalogue is read-only: it can be searched but not changed.</source>
        <translation>Ce catalogue est en lecture seule&#xa0;: on peut y chercher mais pas le modifier.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A catalogue is a folder: its database, attachments and search index. Copy the folder to back it up or to carry it on a USB stick.</source>
        <translation>Un catalogue est un dossier&#xa0;: sa base de données, ses pièces jointes et son index de recherche. Copiez le dossier pour le sauvegarder ou l’emporter sur une clé USB.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open another catalogue…</source>
        <translation>&amp;Ouvrir un autre catalogue…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open another catalogue</source>
        <translation>Ouvrir un autre catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a &amp;new catalogue…</source>
        <translation>Créer un &amp;nouveau catalogue…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new catalogue</source>
        <translation>Créer un nouveau catalogue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open a catalogue folder</source>
        <translation>Ouvrir un dossier de catalogue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no catalogue in %1. Choose the folder that holds it.</source>
        <translation>Il n’y a pas de catalogue dans %1. Choisissez le dossier qui le contient.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an empty folder for the new catalogue</source>
        <translation>Choisissez un dossier vide pour le nouveau catalogue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not empty. Choose or make an empty folder.</source>
        <translation>%1 n’est pas vide. Choisissez ou créez un dossier vide.</translation>
    </message>
</context>
<context>
    <name>ChoicePicker</name>
    <message>
        <location filename="../../src/kmdesk/gui/term_picker.py" line="+255"/>
        <source>Type to add…</source>
        <extracomment>The item data role holding a choice&apos;s key in the completion models. The chosen values changed.</extracomment>
        <translation>Tapez pour ajouter…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type to choose…</source>
        <translation>Tapez pour choisir…</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>Show all choices</source>
        <translation>Afficher tous les choix</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
</context>
<context>
    <name>ChooseBundlePage</name>
    <message>
        <location filename="../../src/kmdesk/gui/bundle_import.py" line="-669"/>
        <location line="+44"/>
        <source>Choose the bundle</source>
        <translation>Choisir le lot</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Choose the bundle file you received (NAME.kmbundle). For a bundle split into parts, choose the first part (NAME.kmbundle.001) and keep every part in the same folder.</source>
        <translation>Choisissez le fichier de lot reçu (NOM.kmbundle). Pour un lot découpé en parties, choisissez la première partie (NOM.kmbundle.001) et gardez toutes les parties dans le même dossier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bundle file</source>
        <translation>Fichier du lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundle file or its first part</source>
        <translation>Le fichier du lot ou sa première partie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for the bundle file</source>
        <translation>Chercher le fichier du lot</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;File:</source>
        <translation>&amp;Fichier&#xa0;:</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>There is no file at this place; choose the bundle again.</source>
        <translation>Il n’y a pas de fichier à cet endroit&#xa0;; choisissez à nouveau le lot.</translation>
    </message>
</context>
<context>
    <name>CollectionsModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/sidebar.py" line="+126"/>
        <source>Collections</source>
        <extracomment>The MIME type of dragged products: UTF-8 text, one product UUID per line. Set on products dragged out of a collection in this sidebar: that collection&apos;s UUID. A collection was renamed in the view: (collection id, new name). Products were dropped: (collection id, product ids, position or None for &quot;add&quot;). A collection was expanded and its products are needed: (collection id).</extracomment>
        <translation>Collections</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved searches</source>
        <translation>Recherches enregistrées</translation>
    </message>
</context>
<context>
    <name>CollectionsSidebar</name>
    <message>
        <location line="+309"/>
        <source>Collections and saved searches</source>
        <extracomment>A collection was selected: its id (a UUID); the main window shows its products. A saved search was selected: its :class:`~kmdesk.records.SavedSearchRecord`. A product inside a collection was selected: its id. The tree was reloaded from the catalogue (tests and the main window may wait for it).</extracomment>
        <translation>Collections et recherches enregistrées</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+236"/>
        <source>New collection</source>
        <translation>Nouvelle collection</translation>
    </message>
    <message>
        <location line="-231"/>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the collection</source>
        <translation>Renommer la collection</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected collection or saved search</source>
        <translation>Supprimer la collection ou la recherche enregistrée sélectionnée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove from collection</source>
        <translation>Retirer de la collection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected products from their collection</source>
        <translation>Retirer les produits sélectionnés de leur collection</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the product up in its collection</source>
        <translation>Monter le produit dans sa collection</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the product down in its collection</source>
        <translation>Descendre le produit dans sa collection</translation>
    </message>
    <message>
        <location line="+186"/>
        <source>Saving the collections…</source>
        <translation>Enregistrement des collections…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The name {problem}.</source>
        <translation>Le nom {problem}.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Delete the collection {names}? Its products stay in the catalogue.</source>
        <translation>Supprimer la collection {names}&#xa0;? Ses produits restent dans le catalogue.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete the saved search {names}?</source>
        <translation>Supprimer la recherche enregistrée {names}&#xa0;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete {names}? Products stay in the catalogue.</source>
        <translation>Supprimer {names}&#xa0;? Les produits restent dans le catalogue.</translation>
    </message>
</context>
<context>
    <name>ConfirmKeyDialog</name>
    <message>
        <location filename="../../src/kmdesk/gui/trusted_keys.py" line="+79"/>
        <source>Trust this key?</source>
        <translation>Faire confiance à cette clé&#xa0;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call or message the owner of this key and ask them to read you their fingerprint (kmdesk shows it in Preferences → Trusted keys). Trust the key only if it is the same as this one.</source>
        <translation>Appelez le propriétaire de cette clé ou écrivez-lui et demandez-lui de vous lire son empreinte (kmdesk l’affiche dans Préférences → Clés de confiance). Ne faites confiance à la clé que si c’est la même que celle-ci.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fingerprint of the key</source>
        <translation>Empreinte de la clé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name for this key</source>
        <translation>Nom de cette clé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fingerprint:</source>
        <translation>Empreinte&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The fingerprints match: &amp;trust</source>
        <translation>Les empreintes concordent&#xa0;: faire &amp;confiance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trust the key</source>
        <translation>Faire confiance à la clé</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/conflicts_view.py" line="+141"/>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept value (not in use)</source>
        <translation>Valeur gardée (non utilisée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current value</source>
        <translation>Valeur actuelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept value from</source>
        <translation>Valeur conservée venant de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(deleted since)</source>
        <translation>(supprimé depuis)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another installation ({id})</source>
        <translation>Une autre installation ({id})</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location line="-55"/>
        <source>(empty)</source>
        <extracomment>The field&apos;s value now, or None when the record was deleted since. The name of the installation that made the losing value (&quot;&quot; when unknown). Whether this installation made the losing value.</extracomment>
        <translation>(vide)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Conflicts kept for review</source>
        <extracomment>The user double-clicked a conflict: the record&apos;s kind and id (to show it).</extracomment>
        <translation>Conflits gardés pour examen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Values changed here and elsewhere at the same time: the later change is in use, the other is kept here. Restore a kept value to use it instead, or dismiss it.</source>
        <translation>Valeurs modifiées ici et ailleurs en même temps&#xa0;: la modification la plus récente est utilisée, l’autre est gardée ici. Rétablissez une valeur gardée pour l’utiliser à la place, ou écartez-la.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conflicts status</source>
        <translation>État des conflits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore this value</source>
        <translation>&amp;Rétablir cette valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the kept value</source>
        <translation>Rétablir la valeur gardée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Dismiss</source>
        <translation>É&amp;carter</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+131"/>
        <source>Dismiss the kept value</source>
        <translation>Écarter la valeur gardée</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>Keep &amp;both</source>
        <translation>Garder les &amp;deux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both versions as two notes</source>
        <translation>Garder les deux versions comme deux notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The kept version becomes a second, private note; the note in use stays.</source>
        <translation>La version gardée devient une seconde note, privée ; la note en usage reste.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+69"/>
        <source>Kept version (not in use)</source>
        <translation>Version gardée (pas en usage)</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Kept version</source>
        <translation>Version gardée</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Version in use</source>
        <translation>Version en usage</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No conflicts: nothing to review.</source>
        <translation>Aucun conflit&#xa0;: rien à examiner.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n conflict(s) to review.</source>
        <translation>
            <numerusform>%n conflit à examiner.</numerusform>
            <numerusform>%n conflits à examiner.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Select a conflict to compare.</source>
        <translation>Sélectionnez un conflit pour comparer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kept version (not in use), from {source}, {when}</source>
        <translation>Version gardée (pas en usage), de {source}, {when}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(deleted since)</source>
        <translation>(supprimé depuis)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Restored the kept value of {field}.</source>
        <translation>La valeur gardée de {field} a été rétablie.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Forget the kept value “{value}”? The current value stays; this cannot be undone.</source>
        <translation>Oublier la valeur gardée «&#xa0;{value}&#xa0;»&#xa0;? La valeur actuelle reste&#xa0;; c’est irréversible.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dismissed the kept value of {field}.</source>
        <translation>La valeur gardée de {field} a été écartée.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kept both: the other version is now a second note, private until shared.</source>
        <translation>Les deux sont gardées : l’autre version est maintenant une seconde note, privée jusqu’à son partage.</translation>
    </message>
</context>
<context>
    <name>ContributionsModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/contributions_view.py" line="+67"/>
        <source>What</source>
        <extracomment>The name of the sender&apos;s key here (&quot;&quot; when the key is not known).</extracomment>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent by</source>
        <translation>Envoyé par</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key known here as</source>
        <translation>Clé connue ici sous le nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Knowledge product</source>
        <translation>Produit de connaissance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Need</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown key ({id})</source>
        <translation>Clé inconnue ({id})</translation>
    </message>
</context>
<context>
    <name>ContributionsView</name>
    <message>
        <location line="+15"/>
        <source>Contributions waiting for review</source>
        <translation>Contributions en attente d’examen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The proposed record</source>
        <translation>L’enregistrement proposé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a contribution to see what it proposes.</source>
        <translation>Sélectionnez une contribution pour voir ce qu’elle propose.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Products and knowledge needs that partners made and sent back in return bundles. Accept one to add it to the catalogue (with its files and links), or reject it.</source>
        <translation>Produits et besoins de connaissance créés par les partenaires et renvoyés dans des lots de retour. Acceptez-en un pour l’ajouter au catalogue (avec ses fichiers et ses liens), ou refusez-le.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Contributions status</source>
        <translation>État des contributions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Accept</source>
        <translation>&amp;Accepter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept the contribution</source>
        <translation>Accepter la contribution</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;ject</source>
        <translation>Re&amp;fuser</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+79"/>
        <source>Reject the contribution</source>
        <translation>Refuser la contribution</translation>
    </message>
    <message numerus="yes">
        <location line="-58"/>
        <source>%n contribution(s) waiting for review.</source>
        <translation>
            <numerusform>%n contribution en attente d’examen.</numerusform>
            <numerusform>%n contributions en attente d’examen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No contributions waiting.</source>
        <translation>Aucune contribution en attente.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Knowledge product</source>
        <translation>Produit de connaissance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Need</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent by: {name}</source>
        <translation>Envoyé par&#xa0;: {name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+41"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Their key is known here as: {name}</source>
        <translation>Sa clé est connue ici sous le nom&#xa0;: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(not a trusted key)</source>
        <translation>(clé non reconnue)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Installation: {id}</source>
        <translation>Installation&#xa0;: {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received: {when}</source>
        <translation>Reçu le&#xa0;: {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proposed values:</source>
        <translation>Valeurs proposées&#xa0;:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Accepted “{title}”.</source>
        <translation>«&#xa0;{title}&#xa0;» accepté.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reject “{title}” from {name}? It will not join the catalogue and its files are deleted.</source>
        <translation>Refuser «&#xa0;{title}&#xa0;» de {name}&#xa0;? Il n’entrera pas dans le catalogue et ses fichiers seront supprimés.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rejected “{title}”.</source>
        <translation>«&#xa0;{title}&#xa0;» refusé.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../src/kmdesk/gui/detail_pane.py" line="+134"/>
        <location line="+10"/>
        <source>Product details</source>
        <extracomment>A linked product was clicked: its id (a ``uuid.UUID``). An attachment&apos;s &quot;Open&quot; was clicked: the ``AttachmentRecord`` and the current search text. &quot;Edit&quot; was clicked: the shown product&apos;s id. The status label of each shown attachment, by attachment id.</extracomment>
        <translation>Détails du produit</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+66"/>
        <source>Select a product to see its details.</source>
        <extracomment>The summary&apos;s browser (replaced with each product shown).</extracomment>
        <translation>Sélectionnez un produit pour voir ses détails.</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Details</source>
        <extracomment>The user&apos;s and partners&apos; notes on the shown product, in a tab beside the details.</extracomment>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+53"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Product details and notes</source>
        <translation>Détails et notes du produit</translation>
    </message>
    <message numerus="yes">
        <location line="+52"/>
        <source>Notes (%n)</source>
        <translation>
            <numerusform>Notes (%n)</numerusform>
            <numerusform>Notes (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This product is not in the catalogue (deleted?).</source>
        <translation>Ce produit n’est pas dans le catalogue (supprimé&#xa0;?).</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>text status unknown</source>
        <translation>état du texte inconnu</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>text, %n page(s)</source>
        <translation>
            <numerusform>texte, %n page</numerusform>
            <numerusform>texte, %n pages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no text</source>
        <translation>pas de texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no text layer (scanned?)</source>
        <translation>pas de couche texte (numérisé&#xa0;?)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>encrypted with a password</source>
        <translation>chiffré par un mot de passe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>broken: cannot be read</source>
        <translation>endommagé&#xa0;: illisible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text not extracted for this type</source>
        <translation>texte non extrait pour ce type de fichier</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This product was deleted.</source>
        <translation>Ce produit a été supprimé.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Edit this product</source>
        <translation>Modifier ce produit</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+2"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No summary.</source>
        <translation>Pas de résumé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Knowledge needs it answers</source>
        <translation>Besoins de connaissance auxquels il répond</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>None recorded.</source>
        <translation>Aucun n’est enregistré.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>author</source>
        <translation>auteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>publisher</source>
        <translation>éditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partner</source>
        <translation>partenaire</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partnerships</source>
        <translation>Partenariats</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Themes</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Countries</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions</source>
        <translation>Régions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keywords</source>
        <translation>Mots-clés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Web page</source>
        <translation>Page web</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>publié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn</source>
        <translation>retiré</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>checking…</source>
        <translation>vérification…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in the PDF viewer</source>
        <translation>Ouvrir dans la visionneuse PDF</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>Translations</source>
        <translation>Traductions</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Other versions</source>
        <translation>Autres versions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Builds on</source>
        <translation>S’appuie sur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built upon by</source>
        <translation>Repris par</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Related products</source>
        <translation>Produits apparentés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Linked products</source>
        <translation>Produits liés</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Show this product</source>
        <translation>Afficher ce produit</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../../src/kmdesk/gui/need_form.py" line="+71"/>
        <source>Save</source>
        <extracomment>Emitted after a successful save, with the saved record&apos;s id (a UUID).</extracomment>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Nothing was saved: an unexpected error occurred ({error}).</source>
        <translation>Rien n’a été enregistré&#xa0;: une erreur inattendue est survenue ({error}).</translation>
    </message>
</context>
<context>
    <name>EditHistory</name>
    <message>
        <location filename="../../src/kmdesk/gui/edit_history.py" line="+312"/>
        <source>Undo</source>
        <extracomment>How many edits can be undone, newest first. The product or need it concerns (for a note, the note&apos;s product). For an edit of a note, the note. An undo finished; carries the text of what was undone. An undo failed; carries the exception (the edit is dropped from the history).</extracomment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undo creation of “{title}”</source>
        <translation>Annuler la création de «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo creation of need “{title}”</source>
        <translation>Annuler la création du besoin «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo edit of need “{title}”</source>
        <translation>Annuler la modification du besoin «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo new note on “{title}”</source>
        <translation>Annuler la nouvelle note sur « {title} »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo edit of a note on “{title}”</source>
        <translation>Annuler la modification d’une note sur « {title} »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo deletion of a note on “{title}”</source>
        <translation>Annuler la suppression d’une note sur « {title} »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo edit of “{title}”</source>
        <translation>Annuler la modification de «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Undoing the last edit…</source>
        <translation>Annulation de la dernière modification…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Deleting the product…</source>
        <translation>Suppression du produit…</translation>
    </message>
</context>
<context>
    <name>ExportBundleDialog</name>
    <message>
        <location filename="../../src/kmdesk/gui/bundle_export.py" line="+175"/>
        <source>Export a bundle</source>
        <extracomment>Parts of this size pass most messaging apps and e-mail servers. A collection or saved search: its id, its name, or ``(id, name)``. A bundle was written: its manifest and the files (parts) written.</extracomment>
        <translation>Exporter un lot</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What to export</source>
        <translation>Quoi exporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The &amp;whole catalogue</source>
        <translation>&amp;Tout le catalogue</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the whole catalogue</source>
        <translation>Exporter tout le catalogue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The &amp;collection “{name}”</source>
        <translation>La &amp;collection «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the current collection</source>
        <translation>Exporter la collection en cours</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The &amp;saved search “{name}”</source>
        <translation>La recherche &amp;enregistrée «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export what the saved search finds</source>
        <translation>Exporter ce que trouve la recherche enregistrée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the current &amp;search finds: {search}</source>
        <translation>Ce que trouve la &amp;recherche en cours&#xa0;: {search}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export what the current search finds</source>
        <translation>Exporter ce que trouve la recherche en cours</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind of bundle</source>
        <translation>Genre de lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All the chosen records</source>
        <translation>&amp;Tous les enregistrements choisis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bundle of all the chosen records</source>
        <translation>Un lot de tous les enregistrements choisis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only what &amp;changed since the last bundle to this partner</source>
        <translation>Seulement ce qui a &amp;changé depuis le dernier lot envoyé à ce partenaire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the changes since the last bundle</source>
        <translation>Seulement les modifications depuis le dernier lot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My &amp;contributions: products and needs made here, for the curators&apos; review</source>
        <translation>Mes &amp;contributions&#xa0;: produits et besoins créés ici, à faire examiner par les curateurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A return bundle of contributions</source>
        <translation>Un lot de retour de contributions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partner</source>
        <translation>Partenaire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional: remembered, so a later bundle to them carries only the changes</source>
        <translation>Facultatif&#xa0;: retenu, pour qu’un prochain lot ne transporte que les modifications</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Partner:</source>
        <translation>&amp;Partenaire&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include attachment &amp;files (PDFs…)</source>
        <translation>Inclure les &amp;fichiers joints (PDF…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include attachment files</source>
        <translation>Inclure les fichiers joints</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split into &amp;parts of at most</source>
        <translation>Découper en &amp;parties d’au plus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split the bundle into parts</source>
        <translation>Découper le lot en parties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size of each part in megabytes</source>
        <translation>Taille de chaque partie en mégaoctets</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> MB</source>
        <translation>&#xa0;Mo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional: what the bundle holds, for its reader</source>
        <translation>Facultatif&#xa0;: ce que contient le lot, pour son lecteur</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Estimated size</source>
        <translation>Taille estimée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bundle file to write</source>
        <translation>Fichier du lot à écrire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where to write the bundle (.kmbundle)</source>
        <translation>Où écrire le lot (.kmbundle)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose where to write the bundle</source>
        <translation>Choisir où écrire le lot</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Save as:</source>
        <translation>&amp;Enregistrer sous&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Estimated size:</source>
        <translation>Taille estimée&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export progress</source>
        <translation>Progression de l’exportation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export result</source>
        <translation>Résultat de l’exportation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the bundle</source>
        <translation>Écrire le lot</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Name the partner the changes are for.</source>
        <translation>Indiquez le partenaire à qui sont destinées les modifications.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Estimating the size…</source>
        <translation>Estimation de la taille…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>about {size}</source>
        <translation>environ {size}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n produit</numerusform>
            <numerusform>%n produits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n knowledge need(s)</source>
        <translation>
            <numerusform>%n besoin de connaissance</numerusform>
            <numerusform>%n besoins de connaissance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n attachment file(s)</source>
        <translation>
            <numerusform>%n fichier joint</numerusform>
            <numerusform>%n fichiers joints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n deletion(s)</source>
        <translation>
            <numerusform>%n suppression</numerusform>
            <numerusform>%n suppressions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>in about %n part(s)</source>
        <translation>
            <numerusform>en environ %n partie</numerusform>
            <numerusform>en environ %n parties</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to export with these choices.</source>
        <translation>Rien à exporter avec ces choix.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save the bundle as</source>
        <translation>Enregistrer le lot sous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kmdesk bundles (*%1)</source>
        <translation>Lots kmdesk (*%1)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Replace the file?</source>
        <translation>Remplacer le fichier&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} existe déjà. Le remplacer&#xa0;?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No bundle was written.</source>
        <translation>Aucun lot n’a été écrit.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export was stopped; no bundle file was written.</source>
        <translation>L’exportation a été arrêtée&#xa0;; aucun fichier de lot n’a été écrit.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote the bundle ({records}) in {folder}:
{names}</source>
        <translation>Lot écrit ({records}) dans {folder}&#xa0;:
{names}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrote the bundle ({records}) in {folder}, in {parts} parts:
{names}
Send every part; the receiver opens the first.</source>
        <translation>Lot écrit ({records}) dans {folder}, en {parts} parties&#xa0;:
{names}
Envoyez toutes les parties&#xa0;; le destinataire ouvre la première.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n enregistrement</numerusform>
            <numerusform>%n enregistrements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <location filename="../../src/kmdesk/gui/facet_panel.py" line="+69"/>
        <source>Theme</source>
        <extracomment>The facets, in the order shown. Facets whose group starts expanded (the others have long lists). The year spin boxes show &quot;Any&quot; at this value. A year range is applied once the spin boxes have been still this long. Item data role of a value item: the facet value to filter by. Item data role of a group item: the facet&apos;s name. Item data role of a value item: its count. The filters changed: a dict facet → list of values (``year`` may hold ``&quot;2018..2020&quot;``).</extracomment>
        <translation>Thème</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partnership</source>
        <translation>Partenariat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note tag</source>
        <translation>Étiquette de note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotated</source>
        <translation>Annoté</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Filters</source>
        <extracomment>The values the user checked, by facet (the year range is kept in the spin boxes). Labels of values seen, so a checked value gone from the counts keeps its label.</extracomment>
        <translation>Filtres</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Years from</source>
        <translation>Première année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Years to</source>
        <translation>Dernière année</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Years:</source>
        <translation>Années&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Any</source>
        <translation>Toutes</translation>
    </message>
    <message numerus="yes">
        <location line="+112"/>
        <source>%1 (%n selected)</source>
        <translation>
            <numerusform>%1 (%n choix)</numerusform>
            <numerusform>%1 (%n choix)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <location filename="../../src/kmdesk/gui/term_picker.py" line="+247"/>
        <source>This field {problem}</source>
        <translation>Ce champ {problem}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{value}” {problem}</source>
        <translation>«&#xa0;{value}&#xa0;» {problem}</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../src/kmdesk/gui/first_start.py" line="+200"/>
        <location line="+1"/>
        <source>Welcome to kmdesk</source>
        <translation>Bienvenue dans kmdesk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your name and organisation are shown on the notes you write and the bundles you share, so that partners know who they come from.</source>
        <translation>Votre nom et votre organisation figurent sur les notes que vous écrivez et les lots que vous partagez, pour que vos partenaires sachent d’où ils viennent.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Continue</source>
        <translation>&amp;Continuer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Later</source>
        <translation>&amp;Plus tard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../src/kmdesk/gui/help.py" line="+160"/>
        <source>kmdesk Help</source>
        <extracomment>A link leading outside the help was clicked (it is not followed). Every resource the browser was asked for and refused (for tests and diagnosis).</extracomment>
        <translation>Aide de kmdesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Forward</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Contents</source>
        <translation>Sommaire</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Back to the contents</source>
        <translation>Revenir au sommaire</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Find in help</source>
        <translation>Chercher dans l’aide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a word in this page (Ctrl+F, then Enter or F3)</source>
        <translation>Chercher un mot dans cette page (Ctrl+F, puis Entrée ou F3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help page</source>
        <translation>Page d’aide</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This link leads outside kmdesk and is not opened (kmdesk works offline): %1</source>
        <translation>Ce lien mène hors de kmdesk et n’est pas ouvert (kmdesk fonctionne hors ligne)&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>HighlightDialog</name>
    <message>
        <location filename="../../src/kmdesk/gui/pdf_highlight_dialog.py" line="+89"/>
        <source>Highlight</source>
        <extracomment>Fields of a highlight whose errors show under the quoted passage. The highlight was saved: its :class:`~kmdesk.records.AnnotationRecord`.</extracomment>
        <translation>Surligner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight the selected passage</source>
        <translation>Surligner le passage sélectionné</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passage (page %1)</source>
        <translation>Passage (page %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The highlighted passage</source>
        <translation>Le passage surligné</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Optional: why this passage matters. Markdown works: *emphasis*, lists.</source>
        <translation>Facultatif : pourquoi ce passage compte. Le Markdown fonctionne : *emphase*, listes.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the highlight</source>
        <translation>Enregistrer le surlignage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without saving</source>
        <translation>Fermer sans enregistrer</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The highlight could not be saved: %1</source>
        <translation>Le surlignage n’a pas pu être enregistré : %1</translation>
    </message>
</context>
<context>
    <name>HighlightsModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/pdf_highlights.py" line="+610"/>
        <source>No page</source>
        <extracomment>Characters of page text kept before and after a quote, to find it again later. A chosen highlight flashes this long (milliseconds). A highlight shown from the list is placed this far down the view (a fraction of its height). The longest quote shown in a row of the list, in characters. Highlight colours: the user&apos;s own (yellow, solid outline) and partners&apos; (pink, dashed). How opaque the chosen highlight&apos;s fill is while it flashes. How opaque the selection&apos;s fill is. The item data role holding a highlight&apos;s id (a ``uuid.UUID``) in :class:`HighlightsModel`. The item data role holding the :class:`~kmdesk.records.AnnotationRecord` itself. The selection changed (made, changed or cleared). A drawn highlight was clicked: its id (a ``uuid.UUID``). Where the left button went down: (page, point in PDF points, viewport position). The SHA-256 of the file shown: highlights made on another edition say so.</extracomment>
        <translation>Sans page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown author</source>
        <translation>Auteur inconnu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not drawn: no place on the page</source>
        <translation>non dessiné : pas de place sur la page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(made on an earlier edition of this file)</source>
        <translation>(fait sur une édition antérieure de ce fichier)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Tags: %1</source>
        <translation>Étiquettes : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By %1</source>
        <translation>Par %1</translation>
    </message>
</context>
<context>
    <name>HighlightsPanel</name>
    <message>
        <location line="+50"/>
        <source>Highlights</source>
        <extracomment>The highlights were (re)read: the list of :class:`~kmdesk.records.AnnotationRecord`. A row was clicked or entered: its :class:`~kmdesk.records.AnnotationRecord`. The document shown, where highlights without a place on it are placed by quote.</extracomment>
        <translation>Surlignages</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Highlights in this document</source>
        <translation>Surlignages de ce document</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>The highlights could not be read: %1</source>
        <translation>Les surlignages n’ont pas pu être lus : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n surlignage</numerusform>
            <numerusform>%n surlignages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No highlights yet. Select a passage, then Highlight…</source>
        <translation>Pas encore de surlignage. Sélectionnez un passage, puis Surligner…</translation>
    </message>
</context>
<context>
    <name>ImportBundleWizard</name>
    <message>
        <location filename="../../src/kmdesk/gui/bundle_import.py" line="+556"/>
        <source>Import a bundle</source>
        <extracomment>An import finished: its :class:`ImportOutcome`. The import was undone from the report page: the :class:`UndoReport`.</extracomment>
        <translation>Importer un lot</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location line="-279"/>
        <source>Importing</source>
        <translation>Importation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The whole bundle is applied at once: stopping leaves the catalogue unchanged.</source>
        <translation>Le lot est appliqué en une seule fois&#xa0;: l’interrompre laisse le catalogue inchangé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import progress</source>
        <translation>Progression de l’importation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Stop the import</source>
        <translation>&amp;Arrêter l’importation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the import</source>
        <translation>Arrêter l’importation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the import again</source>
        <translation>Relancer l’importation</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Importing {file}…</source>
        <translation>Importation de {file}…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Imported.</source>
        <translation>Importé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bundle was not imported. Nothing was changed.</source>
        <translation>Le lot n’a pas été importé. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The import was stopped. Nothing was changed.</source>
        <translation>L’importation a été arrêtée. Rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>KnowledgeMapModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/knowledge_map.py" line="+204"/>
        <source>All products answering</source>
        <translation>Tous les produits qui répondent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All themes</source>
        <translation>Tous les thèmes</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>no product</source>
        <translation>aucun produit</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>%1: no product answers this need</source>
        <translation>%1&#xa0;: aucun produit ne répond à ce besoin</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1 × %2: %n product(s)</source>
        <translation>
            <numerusform>%1 × %2&#xa0;: %n produit</numerusform>
            <numerusform>%1 × %2&#xa0;: %n produits</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is the need&apos;s own theme.</source>
        <translation>C’est le thème du besoin lui-même.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No product answers this need.</source>
        <translation>Aucun produit ne répond à ce besoin.</translation>
    </message>
</context>
<context>
    <name>KnowledgeMapView</name>
    <message>
        <location line="+149"/>
        <source>Themes × knowledge needs</source>
        <translation>Thèmes × besoins de connaissance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes × product types</source>
        <translation>Thèmes × types de produits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partnerships × themes</source>
        <translation>Partenariats × thèmes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Map to show</source>
        <translation>Carte à afficher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Map:</source>
        <translation>&amp;Carte&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map summary</source>
        <translation>Résumé de la carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as PNG…</source>
        <translation>Exporter en PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the map as a PNG picture</source>
        <translation>Exporter la carte en image PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge map</source>
        <translation>Carte des connaissances</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+198"/>
        <source>Click a cell to see its products.</source>
        <translation>Cliquez sur une case pour voir ses produits.</translation>
    </message>
    <message>
        <location line="-202"/>
        <source>Products in the selected cell</source>
        <translation>Produits de la case sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested products</source>
        <translation>Produits suggérés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested products for the selected need</source>
        <translation>Produits suggérés pour le besoin sélectionné</translation>
    </message>
    <message numerus="yes">
        <location line="+99"/>
        <source>%n knowledge need(s)</source>
        <translation>
            <numerusform>%n besoin de connaissance</numerusform>
            <numerusform>%n besoins de connaissance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n without a product</source>
        <translation>
            <numerusform>%n sans produit</numerusform>
            <numerusform>%n sans produit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n combination(s) without a product</source>
        <translation>
            <numerusform>%n combinaison sans produit</numerusform>
            <numerusform>%n combinaisons sans produit</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The map could not be counted: %1</source>
        <translation>La carte n’a pas pu être comptée&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%1 × %2: %n product(s)</source>
        <translation>
            <numerusform>%1 × %2&#xa0;: %n produit</numerusform>
            <numerusform>%1 × %2&#xa0;: %n produits</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No product in this cell.</source>
        <translation>Aucun produit dans cette case.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Looking for products like this need…</source>
        <translation>Recherche de produits proches de ce besoin…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No suggestion could be made: %1</source>
        <translation>Aucune suggestion n’a pu être faite&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No product answers this need yet. Products like it, best first: link one that answers it.</source>
        <translation>Aucun produit ne répond encore à ce besoin. Des produits proches, les meilleurs d’abord&#xa0;: reliez-en un qui y répond.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>More products like this need, best first: link one that answers it.</source>
        <translation>D’autres produits proches de ce besoin, les meilleurs d’abord&#xa0;: reliez-en un qui y répond.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No product in the catalogue is like this need.</source>
        <translation>Aucun produit du catalogue n’est proche de ce besoin.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shares: %1</source>
        <translation>En commun&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+47"/>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Link %1 to this need</source>
        <translation>Relier %1 à ce besoin</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This catalogue is read-only.</source>
        <translation>Ce catalogue est en lecture seule.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This product answers the need: link it.</source>
        <translation>Ce produit répond au besoin&#xa0;: le relier.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Linking…</source>
        <translation>Liaison…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Linked</source>
        <translation>Relié</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Link product</source>
        <translation>Relier le produit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The product could not be linked: %1</source>
        <translation>Le produit n’a pas pu être relié&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export as PNG</source>
        <translation>Exporter en PNG</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export the map as PNG</source>
        <translation>Exporter la carte en PNG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG pictures (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The picture could not be saved as %1: %2</source>
        <translation>L’image n’a pas pu être enregistrée sous %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The map is still being counted.</source>
        <translation>La carte est encore en cours de comptage.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/kmdesk/gui/main_window.py" line="+295"/>
        <source>kmdesk — knowledge products</source>
        <extracomment>At most this many products are remembered for Back. The user asked to open (or create) another catalogue folder; the app does the switch.</extracomment>
        <translation>kmdesk — produits de connaissance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toolbar</source>
        <translation>Barre d’outils</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import bundle…</source>
        <translation>&amp;Importer un lot…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export bundle…</source>
        <translation>E&amp;xporter un lot…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo last import…</source>
        <translation>&amp;Annuler la dernière importation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open catalogue…</source>
        <translation>&amp;Ouvrir un catalogue…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New catalogue…</source>
        <translation>&amp;Nouveau catalogue…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New product…</source>
        <translation>&amp;Nouveau produit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &amp;product…</source>
        <translation>Modifier le &amp;produit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete product…</source>
        <translation>&amp;Supprimer le produit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New knowledge &amp;need…</source>
        <translation>Nouveau &amp;besoin de connaissance…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save search…</source>
        <translation>&amp;Enregistrer la recherche…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation>&amp;Précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Forward</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Knowledge map</source>
        <translation>&amp;Carte des connaissances</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My &amp;notes…</source>
        <translation>Mes &amp;notes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Conflicts</source>
        <translation>C&amp;onflits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co&amp;ntributions</source>
        <translation>Co&amp;ntributions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kmdesk &amp;help</source>
        <translation>&amp;Aide de kmdesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About kmdesk</source>
        <translation>À &amp;propos de kmdesk</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Preparing the search index…</source>
        <translation>Préparation de l’index de recherche…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the demo catalogue</source>
        <translation>Chargement du catalogue de démonstration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preparing the search index</source>
        <translation>Préparation de l’index de recherche</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search index ready</source>
        <translation>Index de recherche prêt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search index unavailable</source>
        <translation>Index de recherche indisponible</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n produit</numerusform>
            <numerusform>%n produits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n knowledge need(s)</source>
        <translation>
            <numerusform>%n besoin de connaissance</numerusform>
            <numerusform>%n besoins de connaissance</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Working…</source>
        <translation>Travail en cours…</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Highlight</source>
        <translation>Surlignage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file this passage was highlighted in is no longer attached to “%1”.</source>
        <translation>Le fichier où ce passage a été surligné n’est plus joint à « %1 ».</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Edit product</source>
        <translation>Modifier le produit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a product.</source>
        <translation>Sélectionnez un produit.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Delete product</source>
        <translation>Supprimer le produit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “%1”? Its notes and links go with it.</source>
        <translation>Supprimer «&#xa0;%1&#xa0;»&#xa0;? Ses notes et ses liens disparaissent avec lui.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the saved search:</source>
        <translation>Nom de la recherche enregistrée&#xa0;:</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Knowledge map</source>
        <translation>Carte des connaissances</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>My notes</source>
        <translation>Mes notes</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Contributions</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Open a catalogue folder</source>
        <translation>Ouvrir un dossier de catalogue</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose an empty folder for the new catalogue</source>
        <translation>Choisissez un dossier vide pour le nouveau catalogue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>kmdesk</source>
        <translation>kmdesk</translation>
    </message>
</context>
<context>
    <name>NeedForm</name>
    <message>
        <location filename="../../src/kmdesk/gui/need_form.py" line="+42"/>
        <source>Edit knowledge need</source>
        <translation>Modifier le besoin de connaissance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New knowledge need</source>
        <translation>Nouveau besoin de connaissance</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Raised by</source>
        <translation>Exprimé par</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A partnership or an organisation…</source>
        <translation>Un partenariat ou une organisation…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Addressed</source>
        <translation>Traité</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;heme</source>
        <translation>T&amp;hème</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Raised by</source>
        <translation>&amp;Exprimé par</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Priority</source>
        <translation>&amp;Priorité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>is not a partnership or an organisation of this catalogue</source>
        <translation>n’est ni un partenariat ni une organisation de ce catalogue</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saving the knowledge need…</source>
        <translation>Enregistrement du besoin de connaissance…</translation>
    </message>
</context>
<context>
    <name>NoteFields</name>
    <message>
        <location filename="../../src/kmdesk/gui/note_fields.py" line="+119"/>
        <source>Note text (Markdown)</source>
        <translation>Texte de la note (Markdown)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview of the note</source>
        <translation>Aperçu de la note</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+99"/>
        <source>Preview</source>
        <extracomment>The text and its preview, one at a time.</extracomment>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Show the note as it will look</source>
        <translation>Montrer la note telle qu’elle apparaîtra</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Tags</source>
        <translation>É&amp;tiquettes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rating</source>
        <translation>Évaluation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Share with partners</source>
        <translation>&amp;Partager avec les partenaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share with partners</source>
        <translation>Partager avec les partenaires</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shared notes travel in bundles; private ones never leave this computer.</source>
        <translation>Les notes partagées voyagent dans les lots ; les notes privées ne quittent jamais cet ordinateur.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Only where the note was made can it be shared or made private.</source>
        <translation>Seule l’installation où la note a été écrite peut la partager ou la rendre privée.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a tag, Enter to add it…</source>
        <translation>Tapez une étiquette, Entrée pour l’ajouter…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit text</source>
        <translation>Modifier le texte</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/kmdesk/gui/notes_panel.py" line="+159"/>
        <location line="+301"/>
        <source>Notes</source>
        <extracomment>A note of the shown product was saved or deleted: the product&apos;s id (a ``uuid.UUID``). The notes of a product were (re)loaded: the product&apos;s id. The note being edited (``None``: a new note, when the editor is open). The note to select once the list is loaded again (the one just saved).</extracomment>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="-296"/>
        <source>Add note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a note to this product</source>
        <translation>Ajouter une note à ce produit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected note</source>
        <translation>Modifier la note sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected note</source>
        <translation>Supprimer la note sélectionnée</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Notes on this product</source>
        <translation>Notes sur ce produit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes, as written</source>
        <translation>Notes, telles qu’écrites</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+247"/>
        <source>New note</source>
        <translation>Nouvelle note</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>Note editor</source>
        <translation>Éditeur de note</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Text</source>
        <translation>&amp;Texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write your note; Markdown works: *emphasis*, lists, links.</source>
        <translation>Écrivez votre note ; le Markdown fonctionne : *emphase*, listes, liens.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the note</source>
        <translation>Enregistrer la note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel editing the note</source>
        <translation>Annuler la modification de la note</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>The notes could not be read: %1</source>
        <translation>Les notes n’ont pas pu être lues : %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Delete note?</source>
        <translation>Supprimer la note ?</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Delete this note?</source>
        <translation>Supprimer cette note ?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was shared: partners will see it deleted after the next bundle.</source>
        <translation>Elle était partagée : les partenaires la verront supprimée après le prochain lot.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Edit note</source>
        <translation>Modifier la note</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The note could not be saved: %1</source>
        <translation>La note n’a pas pu être enregistrée : %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No product selected.</source>
        <translation>Aucun produit sélectionné.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No notes yet. “Add note” writes one; it stays private unless shared.</source>
        <translation>Pas encore de note. « Ajouter une note » en écrit une ; elle reste privée sauf si vous la partagez.</translation>
    </message>
    <message>
        <location line="-414"/>
        <source>You</source>
        <extracomment>The item data role holding a note&apos;s id in the list.</extracomment>
        <translation>Vous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown author</source>
        <translation>Auteur inconnu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>shared</source>
        <translation>partagée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>private</source>
        <translation>privée</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Last changed %1</source>
        <translation>Modifiée le %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tags:</source>
        <translation>Étiquettes :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(page %1)</source>
        <translation>(page %1)</translation>
    </message>
</context>
<context>
    <name>OrganisationRolesPicker</name>
    <message>
        <location filename="../../src/kmdesk/gui/term_picker.py" line="-194"/>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>Partenaire</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Organisation to add</source>
        <translation>Organisation à ajouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type an organisation&apos;s name or acronym…</source>
        <translation>Tapez le nom ou le sigle d’une organisation…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Role of the organisation to add</source>
        <translation>Rôle de l’organisation à ajouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add organisation</source>
        <translation>Ajouter l’organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove selected organisations</source>
        <translation>Retirer les organisations sélectionnées</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Role of %1</source>
        <translation>Rôle de %1</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../src/kmdesk/gui/pdf_viewer.py" line="+109"/>
        <source>PDF viewer</source>
        <extracomment>Zoom steps multiply or divide the zoom factor by this. A hit jumped to is shown this far down the view (a fraction of its height): context above it.</extracomment>
        <translation>Visionneuse PDF</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Document pages</source>
        <extracomment>The dialog of the highlight being made (``None`` when none is open). The &quot;Highlights&quot; list and its dock (``None`` without an annotation context). A highlight shown before the list was read: its row is selected once it is.</extracomment>
        <translation>Pages du document</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Zoom in</source>
        <translation>Agrandir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom out</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actual size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit width</source>
        <translation>Ajuster à la largeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit page</source>
        <translation>Ajuster à la page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First page</source>
        <translation>Première page</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last page</source>
        <translation>Dernière page</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+59"/>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Next hit</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous hit</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy page text</source>
        <translation>Copier le texte de la page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select all text on this page</source>
        <translation>Sélectionner tout le texte de cette page</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Highlight…</source>
        <translation>Surligner…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open in system viewer</source>
        <translation>Ouvrir dans la visionneuse du système</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Page number</source>
        <translation>Numéro de page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to page</source>
        <translation>Aller à la page</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+2"/>
        <location line="+1"/>
        <source>Find in document</source>
        <translation>Chercher dans le document</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search hits</source>
        <translation>Occurrences trouvées</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+2"/>
        <source>Highlights</source>
        <translation>Surlignages</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 — PDF viewer</source>
        <translation>%1 — Visionneuse PDF</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 is protected with a password; kmdesk cannot open it. The system viewer may ask for the password.</source>
        <translation>%1 est protégé par un mot de passe&#xa0;; kmdesk ne peut pas l’ouvrir. La visionneuse du système pourra demander le mot de passe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 uses a kind of encryption that kmdesk cannot open.</source>
        <translation>%1 utilise un chiffrement que kmdesk ne sait pas ouvrir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be found: the file is missing from the catalogue&apos;s folder.</source>
        <translation>%1 est introuvable&#xa0;: le fichier manque dans le dossier du catalogue.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be opened: it is damaged or not a PDF.</source>
        <translation>%1 ne peut pas être ouvert&#xa0;: il est endommagé ou ce n’est pas un PDF.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be opened.</source>
        <translation>%1 ne peut pas être ouvert.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Zoom %1%</source>
        <translation>Zoom %1&#xa0;%</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No hits</source>
        <translation>Aucune occurrence</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 of %n hit(s)</source>
        <translation>
            <numerusform>%1 sur %n occurrence</numerusform>
            <numerusform>%1 sur %n occurrences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copied the text of page %1</source>
        <translation>Texte de la page %1 copié</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This page has no text to copy</source>
        <translation>Cette page n’a pas de texte à copier</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This page has no text to select</source>
        <translation>Cette page n’a pas de texte à sélectionner</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Highlight saved on page %1</source>
        <translation>Surlignage enregistré page %1</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../src/kmdesk/gui/preferences.py" line="+95"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Appearance</source>
        <translation>&amp;Apparence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;talogue</source>
        <translation>Ca&amp;talogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preference pages</source>
        <translation>Pages des préférences</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your name and organisation are shown on the notes you write and the bundles you share, so that partners know who they come from.</source>
        <translation>Votre nom et votre organisation figurent sur les notes que vous écrivez et les lots que vous partagez, pour que vos partenaires sachent d’où ils viennent.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This catalogue is read-only: the profile cannot be changed.</source>
        <translation>Ce catalogue est en lecture seule&#xa0;: le profil ne peut pas être modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bundles made here are signed with this installation&apos;s key, named after you. Its fingerprint, for partners to compare:</source>
        <translation>Les lots faits ici sont signés avec la clé de cette installation, à votre nom. Son empreinte, que vos partenaires peuvent comparer&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fingerprint of your key</source>
        <translation>Empreinte de votre clé</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../src/kmdesk/gui/bundle_import.py" line="-364"/>
        <source>What the bundle holds</source>
        <translation>Contenu du lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is changed until you press Import.</source>
        <translation>Rien n’est modifié avant que vous appuyiez sur Importer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bundle check</source>
        <translation>Vérification du lot</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fingerprint of the signer&apos;s key</source>
        <translation>Empreinte de la clé du signataire</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bundle:</source>
        <translation>Lot&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made:</source>
        <translation>Fait le&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed by:</source>
        <translation>Signé par&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint:</source>
        <translation>Empreinte&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key:</source>
        <translation>Clé&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments:</source>
        <translation>Pièces jointes&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Trust this key…</source>
        <translation>Faire &amp;confiance à cette clé…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust the signer&apos;s key</source>
        <translation>Faire confiance à la clé du signataire</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Records by kind and outcome</source>
        <translation>Enregistrements par genre et par résultat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicting</source>
        <translation>En conflit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Supprimés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>Inchangés</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Checking the bundle: its parts, signature and records…</source>
        <translation>Vérification du lot&#xa0;: ses parties, sa signature et ses enregistrements…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This bundle cannot be imported. Nothing was changed.</source>
        <translation>Ce lot ne peut pas être importé. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The bundle is complete and its signature matches: it was not altered since it was signed.</source>
        <translation>Le lot est complet et sa signature concorde&#xa0;: il n’a pas été modifié depuis sa signature.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>records to copy</source>
        <translation>des enregistrements à copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changes since the previous bundle</source>
        <translation>les modifications depuis le lot précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contributions for a curator&apos;s review</source>
        <translation>des contributions à faire examiner par un curateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no description)</source>
        <translation>(pas de description)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n part(s)</source>
        <translation>
            <numerusform>%n partie</numerusform>
            <numerusform>%n parties</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trusted here</source>
        <translation>Reconnue ici</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked here</source>
        <translation>Révoquée ici</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not trusted here yet</source>
        <translation>Pas encore reconnue ici</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All records</source>
        <translation>Tous les enregistrements</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This bundle is signed by a key that was revoked in this catalogue, so it cannot be imported. If the sender&apos;s key was revoked by mistake, add their key file again in Preferences → Trusted keys.</source>
        <translation>Ce lot est signé par une clé révoquée dans ce catalogue&#xa0;: il ne peut donc pas être importé. Si la clé de l’expéditeur a été révoquée par erreur, ajoutez de nouveau son fichier de clé dans Préférences → Clés de confiance.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This catalogue does not trust the key that signed this bundle yet. Anyone can make a bundle: the fingerprint tells whose it is. Call or message the sender and ask them to read you their fingerprint (kmdesk shows it in Preferences → Trusted keys). If it is the same as the one above, trust the key and import. If it differs, stop here with Cancel.</source>
        <translation>Ce catalogue ne fait pas encore confiance à la clé qui a signé ce lot. N’importe qui peut faire un lot&#xa0;: l’empreinte dit de qui il vient. Appelez l’expéditeur ou écrivez-lui et demandez-lui de vous lire son empreinte (kmdesk l’affiche dans Préférences → Clés de confiance). Si c’est la même que ci-dessus, faites confiance à la clé et importez. Si elle diffère, arrêtez-vous ici avec Annuler.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Does {name} read you this fingerprint?

{fingerprint}

Trust their key? Bundles signed with it will then be imported without this question.</source>
        <translation>{name} vous lit-il bien cette empreinte&#xa0;?

{fingerprint}

Faire confiance à sa clé&#xa0;? Les lots signés avec elle seront ensuite importés sans cette question.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trust this key?</source>
        <translation>Faire confiance à cette clé&#xa0;?</translation>
    </message>
</context>
<context>
    <name>ProductForm</name>
    <message>
        <location filename="../../src/kmdesk/gui/product_form.py" line="+116"/>
        <source>Edit “{title}”</source>
        <extracomment>Licences offered in the licence box (any other can be typed). How many products the link completion offers. Need id → whether the product answers it after the save (only needs shown in the form).</extracomment>
        <translation>Modifier «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New knowledge product</source>
        <translation>Nouveau produit de connaissance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Translation of</source>
        <translation>Traduction de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version of</source>
        <translation>Version de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Builds on</source>
        <translation>S’appuie sur</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Related to</source>
        <translation>Apparenté à</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Translated as</source>
        <translation>Traduit en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Has version</source>
        <translation>A pour version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built on by</source>
        <translation>Repris par</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Product form sections</source>
        <translation>Sections du formulaire de produit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Who and where</source>
        <translation>&amp;Qui et où</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Files, links and needs</source>
        <translation>&amp;Fichiers, liens et besoins</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subtitle</source>
        <translation>Sous-titre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Product type</source>
        <translation>Type de produit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. 2024</source>
        <translation>p. ex. 2024</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publication date</source>
        <translation>Date de publication</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>YYYY-MM-DD (optional)</source>
        <translation>AAAA-MM-JJ (facultatif)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address</source>
        <translation>Adresse web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keywords</source>
        <translation>Mots-clés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a keyword, Enter</source>
        <translation>Tapez un mot-clé, puis Entrée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ubtitle</source>
        <translation>So&amp;us-titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Su&amp;mmary</source>
        <translation>Rés&amp;umé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ype</source>
        <translation>T&amp;ype</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;atus</source>
        <translation>St&amp;atut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Year</source>
        <translation>&amp;Année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Da&amp;te</source>
        <translation>Da&amp;te</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Licence</source>
        <translation>&amp;Licence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Web address</source>
        <translation>Adresse &amp;web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;OI</source>
        <translation>D&amp;OI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keywords</source>
        <translation>&amp;Mots-clés</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Themes</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partnerships</source>
        <translation>Partenariats</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Organisations and their roles</source>
        <translation>Organisations et leurs rôles</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a name, Enter</source>
        <translation>Tapez un nom, puis Entrée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Countries</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a country&apos;s name…</source>
        <translation>Tapez le nom d’un pays…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Regions</source>
        <translation>Régions</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main language first…</source>
        <translation>La langue principale d’abord…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>T&amp;hemes</source>
        <translation>T&amp;hèmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Partnerships</source>
        <translation>&amp;Partenariats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisations</source>
        <translation>&amp;Organisations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Authors</source>
        <translation>A&amp;uteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Countries</source>
        <translation>&amp;Pays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Regions</source>
        <translation>&amp;Régions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Languages</source>
        <translation>&amp;Langues</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attached files</source>
        <translation>Fichiers joints</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attach &amp;file…</source>
        <translation>&amp;Joindre un fichier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach file</source>
        <translation>Joindre un fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove file</source>
        <translation>Retirer le fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected files</source>
        <translation>Retirer les fichiers sélectionnés</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Translations and related products</source>
        <translation>Traductions et produits apparentés</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Product to link, by title</source>
        <translation>Produit à lier, par son titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a product&apos;s title…</source>
        <translation>Tapez le titre d’un produit…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Link type</source>
        <translation>Type de lien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;link</source>
        <translation>Ajouter le &amp;lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add link</source>
        <translation>Ajouter le lien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove link</source>
        <translation>Retirer le lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected links</source>
        <translation>Retirer les liens sélectionnés</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Knowledge needs this product answers</source>
        <translation>Besoins de connaissance auxquels ce produit répond</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;New need…</source>
        <translation>&amp;Nouveau besoin…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New knowledge need</source>
        <translation>Nouveau besoin de connaissance</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fi&amp;les</source>
        <translation>Fic&amp;hiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Li&amp;nks</source>
        <translation>Lie&amp;ns</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Needs answered</source>
        <translation>&amp;Besoins couverts</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name} (to be attached)</source>
        <translation>{name} (à joindre)</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>is not a product: choose one from the list</source>
        <translation>n’est pas un produit&#xa0;: choisissez-en un dans la liste</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Saving the product…</source>
        <translation>Enregistrement du produit…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cannot be read</source>
        <translation>est illisible</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../src/kmdesk/gui/first_start.py" line="-112"/>
        <source>Your &amp;name:</source>
        <extracomment>Problems that belong to no field (a read-only catalogue...).</extracomment>
        <translation>Votre &amp;nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required, e.g. Grace Nakato</source>
        <translation>Obligatoire, p. ex. Grace Nakato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional, e.g. Civic Ledger Uganda</source>
        <translation>Facultatif, p. ex. Civic Ledger Uganda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Please enter your name: it is required.</source>
        <translation>Indiquez votre nom&#xa0;: il est obligatoire.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../src/kmdesk/gui/bundle_import.py" line="+158"/>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the import did</source>
        <translation>Ce que l’importation a fait</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records added, updated and deleted by kind</source>
        <translation>Enregistrements ajoutés, mis à jour et supprimés, par genre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>Ajoutés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deleted</source>
        <translation>Supprimés</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Undo this import</source>
        <translation>&amp;Annuler cette importation</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+90"/>
        <source>Undo this import</source>
        <translation>Annuler cette importation</translation>
    </message>
    <message numerus="yes">
        <location line="-68"/>
        <source>%n record(s) added</source>
        <translation>
            <numerusform>%n enregistrement ajouté</numerusform>
            <numerusform>%n enregistrements ajoutés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n updated</source>
        <translation>
            <numerusform>%n mis à jour</numerusform>
            <numerusform>%n mis à jour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n deleted</source>
        <translation>
            <numerusform>%n supprimé</numerusform>
            <numerusform>%n supprimés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n attachment file(s) received.</source>
        <translation>
            <numerusform>%n fichier joint reçu.</numerusform>
            <numerusform>%n fichiers joints reçus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n value(s) changed here at the same time as the sender changed them were kept for review in Conflicts.</source>
        <translation>
            <numerusform>%n valeur modifiée ici en même temps que chez l’expéditeur a été gardée pour examen dans Conflits.</numerusform>
            <numerusform>%n valeurs modifiées ici en même temps que chez l’expéditeur ont été gardées pour examen dans Conflits.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n record(s) the sender deleted were kept: they were edited here since.</source>
        <translation>
            <numerusform>%n enregistrement supprimé par l’expéditeur a été gardé&#xa0;: il a été modifié ici depuis.</numerusform>
            <numerusform>%n enregistrements supprimés par l’expéditeur ont été gardés&#xa0;: ils ont été modifiés ici depuis.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n contribution(s) are waiting for a curator&apos;s review in Contributions.</source>
        <translation>
            <numerusform>%n contribution attend l’examen d’un curateur dans Contributions.</numerusform>
            <numerusform>%n contributions attendent l’examen d’un curateur dans Contributions.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Undo this import? Records it added are removed and records it changed get back their earlier values; records edited here since keep those edits.</source>
        <translation>Annuler cette importation&#xa0;? Les enregistrements qu’elle a ajoutés sont retirés et ceux qu’elle a modifiés retrouvent leurs valeurs antérieures&#xa0;; les enregistrements modifiés ici depuis gardent ces modifications.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undoing the import…</source>
        <translation>Annulation de l’importation…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Undoing the import</source>
        <translation>Annulation de l’importation</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/results_model.py" line="+192"/>
        <source>Title</source>
        <extracomment>The MIME type of dragged products: their ids as UTF-8 text, one UUID per line. Hits asked for by a new search: enough to fill the view (a taller view fetches the next page at once); each snippet costs the search a few ms, so no more. Characters of a summary shown in place of a snippet when listing products (a collection). Hits asked for by each later page, when the view scrolls to the end. Item data role: the product id (a :class:`uuid.UUID`) of a row, in every column. Item data role: the snippet of a row (HTML-escaped text, matches in ``&lt;mark&gt;``), column 0. The products listed, in order, when the page is of a list rather than of a search. The offset of the next page. A page fetch started (True) or ended (False); for busy indicators and tests. A later page could not be fetched: the message. The products listed when showing a list (a collection) instead of a search. Where the next page starts, in the search&apos;s results or the list. Bumped on every reset: a page fetched for an older search is dropped.</extracomment>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Note: </source>
        <translation>Note : </translation>
    </message>
</context>
<context>
    <name>SafeBrowser</name>
    <message>
        <location filename="../../src/kmdesk/gui/safe_browser.py" line="+275"/>
        <source>This link was not opened: only web (http, https) and e-mail links are.</source>
        <extracomment>Tags kept by the sanitiser; everything else is removed (its text kept, except below). Tags removed together with their content. The only URL schemes a link may have, in the document and when opened. Requests recorded per document at most (a document asks again at every repaint). A link was clicked (whatever its scheme); handled as :meth:`handle_link` says. A link was refused (scheme not openable, or the user declined); the URL and why. A link was handed to the system&apos;s handler (browser, mail program). Whether clicked links are handled here (confirm, then open); when False, only :attr:`link_requested` is emitted and the owner decides. Ask the user before handing an http/https/mailto link to the system.</extracomment>
        <translation>Ce lien n’a pas été ouvert&#xa0;: seuls les liens web (http, https) et de courriel le sont.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Link refused</source>
        <translation>Lien refusé</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open link?</source>
        <translation>Ouvrir le lien&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open this address outside kmdesk?</source>
        <translation>Ouvrir cette adresse hors de kmdesk&#xa0;?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The user did not open it.</source>
        <translation>L’utilisateur ne l’a pas ouvert.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../src/kmdesk/gui/search_panel.py" line="+103"/>
        <source>Search titles, summaries, organisations, places…</source>
        <extracomment>A search starts once typing has paused this long. Sort orders of the core, in the order the sort control lists them. The column whose header click sorts by each order (relevance has none). The product of the current row changed: a :class:`uuid.UUID`, or None. A product was activated (double-click or Enter): its :class:`uuid.UUID`. A new search&apos;s results are shown: its :class:`~kmdesk.search.results.SearchResults`. A search could not run: the message shown. Bumped by every search started: only the latest one&apos;s results are shown. The products listed instead of a search&apos;s results (a collection), and its name.</extracomment>
        <translation>Chercher dans les titres, résumés, organisations, lieux…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the catalogue (Ctrl+F)</source>
        <translation>Chercher dans le catalogue (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search syntax help</source>
        <translation>Aide sur la syntaxe de recherche</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sort results by</source>
        <translation>Trier les résultats par</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Relevance</source>
        <translation>Pertinence</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Newest first</source>
        <translation>Les plus récents d’abord</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title A–Z</source>
        <translation>Titre de A à Z</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Sort:</source>
        <translation>&amp;Tri&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of results</source>
        <translation>Nombre de résultats</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search for the suggestion</source>
        <translation>Chercher la suggestion</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Back to search results</source>
        <translation>Revenir aux résultats de la recherche</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Search problem</source>
        <translation>Problème de recherche</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>&lt;b&gt;Search syntax&lt;/b&gt;&lt;br&gt;&lt;code&gt;water rights&lt;/code&gt; — products with all the words&lt;br&gt;&lt;code&gt;&quot;free prior and informed consent&quot;&lt;/code&gt; — the exact phrase&lt;br&gt;&lt;code&gt;mangroves OR mangrove&lt;/code&gt;, &lt;code&gt;water NOT tariffs&lt;/code&gt; — operators in capitals&lt;br&gt;&lt;code&gt;title:mangrove&lt;/code&gt;, &lt;code&gt;org:CEGOL&lt;/code&gt;, &lt;code&gt;country:uganda&lt;/code&gt;, &lt;code&gt;theme:gender&lt;/code&gt;, &lt;code&gt;type:toolkit&lt;/code&gt;, &lt;code&gt;language:fr&lt;/code&gt; — one field&lt;br&gt;&lt;code&gt;year:2018..2020&lt;/code&gt;, &lt;code&gt;year:2018..&lt;/code&gt; — years&lt;br&gt;&lt;code&gt;budg*&lt;/code&gt; — words starting with “budg”</source>
        <translation>&lt;b&gt;Syntaxe de recherche&lt;/b&gt;&lt;br&gt;&lt;code&gt;droit à l’eau&lt;/code&gt; — les produits qui ont tous les mots&lt;br&gt;&lt;code&gt;&quot;consentement libre et éclairé&quot;&lt;/code&gt; — l’expression exacte&lt;br&gt;&lt;code&gt;mangroves OR mangrove&lt;/code&gt;, &lt;code&gt;eau NOT tarifs&lt;/code&gt; — opérateurs en majuscules&lt;br&gt;&lt;code&gt;title:mangrove&lt;/code&gt;, &lt;code&gt;org:CEGOL&lt;/code&gt;, &lt;code&gt;country:uganda&lt;/code&gt;, &lt;code&gt;theme:genre&lt;/code&gt;, &lt;code&gt;type:toolkit&lt;/code&gt;, &lt;code&gt;language:fr&lt;/code&gt; — un seul champ&lt;br&gt;&lt;code&gt;year:2018..2020&lt;/code&gt;, &lt;code&gt;year:2018..&lt;/code&gt; — années&lt;br&gt;&lt;code&gt;budg*&lt;/code&gt; — les mots qui commencent par «&#xa0;budg&#xa0;»</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>No product matches this search.</source>
        <translation>Aucun produit ne correspond à cette recherche.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This list is empty.</source>
        <translation>Cette liste est vide.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The search failed: {problem}</source>
        <translation>La recherche a échoué&#xa0;: {problem}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>More results could not be read: {problem}</source>
        <translation>D’autres résultats n’ont pas pu être lus&#xa0;: {problem}</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>“%1”: %n product(s)</source>
        <translation>
            <numerusform>«&#xa0;%1&#xa0;»&#xa0;: %n produit</numerusform>
            <numerusform>«&#xa0;%1&#xa0;»&#xa0;: %n produits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+3"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n produit</numerusform>
            <numerusform>%n produits</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Did you mean “{suggestion}”?</source>
        <translation>Vouliez-vous dire «&#xa0;{suggestion}&#xa0;»&#xa0;?</translation>
    </message>
</context>
<context>
    <name>StarRating</name>
    <message numerus="yes">
        <location filename="../../src/kmdesk/gui/note_fields.py" line="-161"/>
        <location line="+1"/>
        <location line="+25"/>
        <source>%n star(s)</source>
        <extracomment>The highest rating.</extracomment>
        <translation>
            <numerusform>%n étoile</numerusform>
            <numerusform>%n étoiles</numerusform>
        </translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+1"/>
        <source>No rating</source>
        <translation>Sans évaluation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rating</source>
        <translation>Évaluation</translation>
    </message>
</context>
<context>
    <name>TrustedKeysModel</name>
    <message>
        <location filename="../../src/kmdesk/gui/trusted_keys.py" line="+23"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added</source>
        <translation>Ajoutés</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trusted</source>
        <translation>Reconnue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked on {when}</source>
        <translation>Révoquée le {when}</translation>
    </message>
</context>
<context>
    <name>TrustedKeysWidget</name>
    <message>
        <location line="+26"/>
        <source>This computer&apos;s key</source>
        <extracomment>The list of known keys changed (a key was added, renamed or revoked).</extracomment>
        <translation>Clé de cet ordinateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This computer&apos;s fingerprint</source>
        <translation>Empreinte de cet ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport my key…</source>
        <translation>E&amp;xporter ma clé…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this computer&apos;s key to a file</source>
        <translation>Exporter la clé de cet ordinateur dans un fichier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint:</source>
        <translation>Empreinte&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give your key file to the people who import your bundles, and read them this fingerprint so that they can check it.</source>
        <translation>Donnez votre fichier de clé aux personnes qui importent vos lots, et lisez-leur cette empreinte pour qu’elles puissent la vérifier.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keys this catalogue trusts</source>
        <translation>Clés auxquelles ce catalogue fait confiance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trusted keys</source>
        <translation>Clés de confiance</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Add from a file…</source>
        <translation>&amp;Ajouter depuis un fichier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust a key from a key file</source>
        <translation>Faire confiance à une clé depuis un fichier de clé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the selected key</source>
        <translation>Renommer la clé sélectionnée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;voke</source>
        <translation>Ré&amp;voquer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the selected key</source>
        <translation>Révoquer la clé sélectionnée</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Trusted keys status</source>
        <translation>État des clés de confiance</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>(this catalogue has no key of its own yet)</source>
        <translation>(ce catalogue n’a pas encore de clé à lui)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no name yet)</source>
        <translation>(pas encore de nom)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No trusted keys yet: add the key file of each person who sends you bundles.</source>
        <translation>Pas encore de clé de confiance&#xa0;: ajoutez le fichier de clé de chaque personne qui vous envoie des lots.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Export my key</source>
        <translation>Exporter ma clé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kmdesk key files (*%1)</source>
        <translation>Fichiers de clé kmdesk (*%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name your key carries (you or your organisation):</source>
        <translation>Le nom que porte votre clé (vous ou votre organisation)&#xa0;:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Wrote {file}. Your fingerprint: {fingerprint}</source>
        <translation>{file} a été écrit. Votre empreinte&#xa0;: {fingerprint}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add a trusted key</source>
        <translation>Ajouter une clé de confiance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kmdesk key files (*%1);;All files (*)</source>
        <translation>Fichiers de clé kmdesk (*%1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The key was not added.</source>
        <translation>La clé n’a pas été ajoutée.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Trusted {name} ({fingerprint}).</source>
        <translation>Clé de {name} reconnue ({fingerprint}).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Rename the key</source>
        <translation>Renommer la clé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Nouveau nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Renamed the key to {name}.</source>
        <translation>La clé a été renommée {name}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Revoke the key of {name} ({fingerprint})? Bundles signed with it will be refused from now on. Records already imported stay.</source>
        <translation>Révoquer la clé de {name} ({fingerprint})&#xa0;? Les lots signés avec elle seront désormais refusés. Les enregistrements déjà importés restent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the key</source>
        <translation>Révoquer la clé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revoked the key of {name}.</source>
        <translation>La clé de {name} a été révoquée.</translation>
    </message>
</context>
<context>
    <name>_MapPicture</name>
    <message>
        <location filename="../../src/kmdesk/gui/knowledge_map.py" line="+38"/>
        <source>No theme</source>
        <translation>Sans thème</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Knowledge map: %1</source>
        <translation>Carte des connaissances&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+101"/>
        <location line="+37"/>
        <source>no product</source>
        <translation>aucun produit</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Products in a cell:</source>
        <translation>Produits dans une case&#xa0;:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>no product answers this need</source>
        <translation>aucun produit ne répond à ce besoin</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Framed cell: the need&apos;s own theme. A product may have several themes.</source>
        <translation>Case encadrée&#xa0;: le thème du besoin lui-même. Un produit peut avoir plusieurs thèmes.</translation>
    </message>
</context>
</TS>
