<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
    <context>
        <name>AdminHost</name>
        <message>
            <location filename="../../ui/admin_host.py" line="130" />
            <source>Back to packing (or close this help)</source>
            <translation>Volver a empacar (o cerrar esta ayuda)</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="98" />
            <source>Esc: back to packing · Ctrl+Tab: next screen · F1: keys</source>
            <translation>Esc: volver a empacar · Ctrl+Tab: siguiente pantalla · F1: teclas</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="97" />
            <source>FBA PREP</source>
            <translation>PREPARACIÓN FBA</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="97" />
            <source>LEAD / ADMIN</source>
            <translation>LÍDER / ADMINISTRADOR</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="132" />
            <source>Next screen</source>
            <translation>Siguiente pantalla</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="134" />
            <source>Open the screen “%1”</source>
            <translation>Abrir la pantalla “%1”</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="133" />
            <source>Previous screen</source>
            <translation>Pantalla anterior</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="131" />
            <source>Show or hide the keys of this screen</source>
            <translation>Mostrar u ocultar las teclas de esta pantalla</translation>
        </message>
        <message>
            <location filename="../../ui/admin_host.py" line="162" />
            <source>This screen takes no scans — Ctrl+Tab to the screen you need</source>
            <translation>Esta pantalla no acepta escaneos — Ctrl+Tab a la pantalla que necesita</translation>
        </message>
    </context>
    <context>
        <name>AuditWidget</name>
        <message>
            <location filename="../../ui/admin/audit.py" line="27" />
            <source>ALERT</source>
            <translation>ALERTA</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="62" />
            <location filename="../../ui/admin/audit.py" line="69" />
            <source>Action</source>
            <translation>Acción</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="57" />
            <source>Alerts</source>
            <translation>Alertas</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="132" />
            <source>Audit trail FAILED {0}: {1}. Someone changed the log — lock the station and report it to the security contact now.</source>
            <translation>El registro de auditoría FALLÓ {0}: {1}. Alguien cambió el registro — bloquee la estación y repórtelo al contacto de seguridad ahora.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="127" />
            <source>Audit trail OK — {0} rows, chain intact ({1})</source>
            <translation>Registro de auditoría correcto — {0} filas, cadena intacta ({1})</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="70" />
            <source>Detail</source>
            <translation>Detalle</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="58" />
            <source>Info</source>
            <translation>Info</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="61" />
            <source>Search</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="69" />
            <source>Severity</source>
            <translation>Gravedad</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="70" />
            <source>Target</source>
            <translation>Objeto</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="73" />
            <source>Verify chain</source>
            <translation>Verificar cadena</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="28" />
            <source>Warning</source>
            <translation>Advertencia</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="58" />
            <source>Warnings</source>
            <translation>Advertencias</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="69" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="64" />
            <location filename="../../ui/admin/audit.py" line="69" />
            <source>Who</source>
            <translation>Quién</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="53" />
            <source>any action</source>
            <translation>cualquier acción</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="55" />
            <source>any operator</source>
            <translation>cualquier operador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="57" />
            <source>any severity</source>
            <translation>cualquier gravedad</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="130" />
            <source>at row {0}</source>
            <translation>en la fila {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="131" />
            <source>at the chain head</source>
            <translation>en la cabeza de la cadena</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="125" />
            <source>checked with the station's key; prove it with the recovery key: pacific-station audit verify</source>
            <translation>verificado con la clave de la estación; compruébelo con la clave de recuperación: pacific-station audit verify</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="29" />
            <source>info</source>
            <translation>info</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="125" />
            <source>proven with the recovery key</source>
            <translation>comprobado con la clave de recuperación</translation>
        </message>
    </context>
    <context>
        <name>BoxesWidget</name>
        <message>
            <location filename="../../ui/prep/boxes.py" line="45" />
            <source>Case-packed</source>
            <translation>Caja master</translation>
        </message>
    </context>
    <context>
        <name>CatalogWidget</name>
        <message>
            <location filename="../../ui/prep/catalog.py" line="30" />
            <source>Delivery reference (e.g. the seller's ASN or PO)</source>
            <translation>Referencia de la entrega (p. ej. el ASN o la PO del vendedor)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="53" />
            <source>That file is too large for a catalogue (20 MB at most)</source>
            <translation>Ese archivo es muy grande para un catálogo (20 MB como máximo)</translation>
        </message>
    </context>
    <context>
        <name>DevicesWidget</name>
        <message>
            <location filename="../../ui/admin/devices.py" line="128" />
            <source>Connection</source>
            <translation>Conexión</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="253" />
            <source>Devices saved</source>
            <translation>Dispositivos guardados</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="141" />
            <source>Document printer (slips, pick lists)</source>
            <translation>Impresora de documentos (hojas de empaque, listas de surtido)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="144" />
            <source>In use now</source>
            <translation>En uso ahora</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="216" />
            <source>Keyboard-wedge scanner</source>
            <translation>Escáner tipo teclado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="139" />
            <source>Label printer</source>
            <translation>Impresora de etiquetas</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="128" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="130" />
            <source>Look for devices again</source>
            <translation>Buscar dispositivos otra vez</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="127" />
            <source>Maker</source>
            <translation>Fabricante</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="261" />
            <source>No label printer chosen — choose one and press Save choice first</source>
            <translation>No se eligió impresora de etiquetas — elija una y primero presione Guardar selección</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="212" />
            <source>No printer</source>
            <translation>Sin impresora</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="214" />
            <source>No scale (type weights)</source>
            <translation>Sin báscula (escribir pesos)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="219" />
            <source>None (PDF files only)</source>
            <translation>Ninguna (solo archivos PDF)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="140" />
            <source>Printer resolution</source>
            <translation>Resolución de la impresora</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="127" />
            <source>Product</source>
            <translation>Producto</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="149" />
            <source>Read scale</source>
            <translation>Leer báscula</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="147" />
            <source>Save choice</source>
            <translation>Guardar selección</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="142" />
            <source>Scale</source>
            <translation>Báscula</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="308" />
            <source>Scale: no reading</source>
            <translation>Báscula: sin lectura</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="290" />
            <source>Scale: none chosen</source>
            <translation>Báscula: ninguna elegida</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="303" />
            <source>Scale: {0:.2f} lb — {1}</source>
            <translation>Báscula: {0:.2f} lb — {1}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="285" />
            <location filename="../../ui/admin/devices.py" line="307" />
            <source>Scale: {0}</source>
            <translation>Báscula: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="154" />
            <source>Scale: —</source>
            <translation>Báscula: —</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="143" />
            <source>Scanner</source>
            <translation>Escáner</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="273" />
            <source>Test label sent to {0} — check it came out sharp</source>
            <translation>Etiqueta de prueba enviada a {0} — revise que salga nítida</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="148" />
            <source>Test print</source>
            <translation>Impresión de prueba</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="127" />
            <source>USB ids</source>
            <translation>Ids USB</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="127" />
            <source>Use</source>
            <translation>Uso</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="302" />
            <source>empty (0)</source>
            <translation>vacía (0)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="301" />
            <source>moving…</source>
            <translation>moviéndose…</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="301" />
            <source>stable</source>
            <translation>estable</translation>
        </message>
    </context>
    <context>
        <name>EndOfDayWidget</name>
        <message>
            <location filename="../../ui/admin/summary.py" line="81" />
            <source>YYYY-MM-DD</source>
            <translation>AAAA-MM-DD</translation>
        </message>
    </context>
    <context>
        <name>ExceptionsWidget</name>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="83" />
            <source>Back to packing</source>
            <translation>Volver a empacar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="85" />
            <source>Cancel order</source>
            <translation>Cancelar pedido</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="78" />
            <source>Note (optional, no customer details)</source>
            <translation>Nota (opcional, sin datos del cliente)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="84" />
            <source>Re-pick</source>
            <translation>Volver a surtir</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="87" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
    </context>
    <context>
        <name>LabelPreviewWidget</name>
        <message numerus="yes">
            <location filename="../../ui/screens/label_preview.py" line="102" />
            <source>%n label(s) printed — put the label on the box</source>
            <translation>
                <numerusform>%n etiqueta impresa — pegue la etiqueta en la caja</numerusform>
                <numerusform>%n etiquetas impresas — pegue las etiquetas en las cajas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="70" />
            <location filename="../../ui/screens/label_preview.py" line="71" />
            <source>Back to the queue</source>
            <translation>Volver a la cola</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="91" />
            <source>Box {0}: {1} · {2} · ${3:.2f}</source>
            <translation>Caja {0}: {1} · {2} · ${3:.2f}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="54" />
            <source>F5  reprint      Enter  next order now</source>
            <translation>F5  reimprimir      Enter  siguiente pedido ya</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="117" />
            <source>F5 reprint the label · Enter back to the queue</source>
            <translation>F5 reimprimir la etiqueta · Enter volver a la cola</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="95" />
            <source>LABEL NOT PRINTED</source>
            <translation>ETIQUETA NO IMPRESA</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="116" />
            <source>Looked up in the queue. A reprint is recorded with your name.</source>
            <translation>Buscado en la cola. Una reimpresión queda registrada con su nombre.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="118" />
            <source>No label to reprint (shipped with another carrier's label)</source>
            <translation>No hay etiqueta que reimprimir (se envió con la etiqueta de otro transportista)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="86" />
            <location filename="../../ui/screens/label_preview.py" line="113" />
            <source>Order {0}</source>
            <translation>Pedido {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="69" />
            <source>Reprint the label</source>
            <translation>Reimprimir la etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="45" />
            <location filename="../../ui/screens/label_preview.py" line="112" />
            <source>SHIPPED</source>
            <translation>ENVIADO</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="100" />
            <source>SHIPPED ✔</source>
            <translation>ENVIADO ✔</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="103" />
            <source>Shipment confirmation queued for Amazon</source>
            <translation>Confirmación de envío en cola para Amazon</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="98" />
            <source>The label is bought and the order is shipped; only the printing failed.</source>
            <translation>La etiqueta está comprada y el pedido está enviado; solo falló la impresión.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="85" />
            <source>label bought elsewhere</source>
            <translation>etiqueta comprada en otro lado</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="85" />
            <source>no preview</source>
            <translation>sin vista previa</translation>
        </message>
        <message>
            <location filename="../../ui/screens/label_preview.py" line="111" />
            <source>shipped earlier</source>
            <translation>enviado antes</translation>
        </message>
    </context>
    <context>
        <name>LoginWidget</name>
        <message>
            <location filename="../../ui/screens/login.py" line="96" />
            <source>6-digit code from your authenticator app</source>
            <translation>Código de 6 dígitos de su app de autenticación</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="76" />
            <location filename="../../ui/screens/login.py" line="114" />
            <source>Badge: waiting for scan</source>
            <translation>Gafete: esperando escaneo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="143" />
            <source>Badge: ✔ scanned</source>
            <translation>Gafete: ✔ escaneado</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="176" />
            <source>Checking…</source>
            <translation>Verificando…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="54" />
            <source>F2  password login (leads, admins, auditors)     Esc  start again</source>
            <translation>F2  entrar con contraseña (líderes, administradores, auditores)     Esc  empezar de nuevo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="44" />
            <location filename="../../ui/screens/login.py" line="113" />
            <source>Hold your badge under the scanner</source>
            <translation>Ponga su gafete debajo del escáner</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/screens/login.py" line="201" />
            <source>LOCKED: too many wrong tries. A lead or admin can unlock you now (F10 › Operators › Unlock); otherwise wait %n minute(s).</source>
            <translation>
                <numerusform>BLOQUEADO: demasiados intentos fallidos. Un líder o administrador puede desbloquearlo ahora (F10 › Operadores › Desbloquear); si no, espere %n minuto.</numerusform>
                <numerusform>BLOQUEADO: demasiados intentos fallidos. Un líder o administrador puede desbloquearlo ahora (F10 › Operadores › Desbloquear); si no, espere %n minutos.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="123" />
            <source>Leads, admins and auditors: name, password and authenticator code</source>
            <translation>Líderes, administradores y auditores: nombre, contraseña y código del autenticador</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="197" />
            <source>Login failed — try again</source>
            <translation>No se pudo iniciar sesión — intente de nuevo</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/screens/login.py" line="207" />
            <source>Login failed: wrong badge or PIN — %n attempt(s) left before the badge is locked. Scan your badge again, then type your PIN.</source>
            <translation>
                <numerusform>No se pudo iniciar sesión: gafete o PIN incorrecto — le queda %n intento antes de que se bloquee el gafete. Escanee su gafete otra vez y escriba su PIN.</numerusform>
                <numerusform>No se pudo iniciar sesión: gafete o PIN incorrecto — le quedan %n intentos antes de que se bloquee el gafete. Escanee su gafete otra vez y escriba su PIN.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/screens/login.py" line="206" />
            <source>Login failed: wrong name, password or code — %n attempt(s) left before a lockout.</source>
            <translation>
                <numerusform>No se pudo iniciar sesión: nombre, contraseña o código incorrecto — le queda %n intento antes del bloqueo.</numerusform>
                <numerusform>No se pudo iniciar sesión: nombre, contraseña o código incorrecto — le quedan %n intentos antes del bloqueo.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="91" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="41" />
            <source>PACIFIC PREP STATION</source>
            <translation>PACIFIC PREP STATION</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="80" />
            <source>PIN, then Enter</source>
            <translation>PIN, luego Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="94" />
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="122" />
            <source>Password login</source>
            <translation>Entrar con contraseña</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="67" />
            <source>Password login (leads, admins, auditors)</source>
            <translation>Entrar con contraseña (líderes, administradores, auditores)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="42" />
            <location filename="../../ui/screens/login.py" line="112" />
            <source>Scan your badge</source>
            <translation>Escanee su gafete</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="191" />
            <source>Scan your badge again</source>
            <translation>Escanee su gafete otra vez</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="163" />
            <source>Scan your badge first</source>
            <translation>Primero escanee su gafete</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="68" />
            <source>Start over: scan your badge</source>
            <translation>Empezar de nuevo: escanee su gafete</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="157" />
            <source>That is not a badge — scan the badge on your lanyard</source>
            <translation>Eso no es un gafete — escanee el gafete de su cordón</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="142" />
            <source>Then press Enter</source>
            <translation>Luego presione Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/login.py" line="141" />
            <source>Type your PIN</source>
            <translation>Escriba su PIN</translation>
        </message>
    </context>
    <context>
        <name>OperatorsWidget</name>
        <message>
            <location filename="../../ui/admin/operators.py" line="185" />
            <source>Active</source>
            <translation>Activo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="39" />
            <source>Admin</source>
            <translation>Administrador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="33" />
            <source>Admin — password + authenticator</source>
            <translation>Administrador — contraseña + autenticador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="40" />
            <source>Auditor</source>
            <translation>Auditor</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="34" />
            <source>Auditor — password + authenticator</source>
            <translation>Auditor — contraseña + autenticador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="108" />
            <source>Badge (scan it)</source>
            <translation>Gafete (escanéelo)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="190" />
            <source>Badge + PIN</source>
            <translation>Gafete + PIN</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="187" />
            <source>Badge + PIN (from the hub)</source>
            <translation>Gafete + PIN (del hub)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="123" />
            <source>Create operator</source>
            <translation>Crear operador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="74" />
            <source>Disable selected</source>
            <translation>Desactivar seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="271" />
            <source>Disable {0}</source>
            <translation>Desactivar a {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="270" />
            <source>Disable {0}? They will not be able to log in.</source>
            <translation>¿Desactivar a {0}? Ya no podrá iniciar sesión.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="181" />
            <source>Disabled</source>
            <translation>Desactivado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="129" />
            <source>Done — the operator has set up the authenticator</source>
            <translation>Listo — el operador configuró el autenticador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="86" />
            <source>Give selected packer this badge</source>
            <translation>Dar este gafete al empacador seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="183" />
            <source>LOCKED OUT</source>
            <translation>BLOQUEADO</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="69" />
            <location filename="../../ui/admin/operators.py" line="118" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="38" />
            <source>Lead</source>
            <translation>Líder</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="32" />
            <source>Lead — password + authenticator</source>
            <translation>Líder — contraseña + autenticador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="68" />
            <source>Logs in with</source>
            <translation>Entra con</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="68" />
            <location filename="../../ui/admin/operators.py" line="116" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="100" />
            <source>New operator</source>
            <translation>Operador nuevo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="226" />
            <source>Operator {0} created ({1})</source>
            <translation>Operador {0} creado ({1})</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="111" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="208" />
            <source>PIN (4-12 digits)</source>
            <translation>PIN (4-12 dígitos)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="37" />
            <source>Packer</source>
            <translation>Empacador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="31" />
            <source>Packer — badge + PIN</source>
            <translation>Empacador — gafete + PIN</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="208" />
            <source>Password (12+, upper, lower, digit, symbol)</source>
            <translation>Contraseña (12+, mayúscula, minúscula, dígito, símbolo)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="192" />
            <source>Password + authenticator</source>
            <translation>Contraseña + autenticador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="77" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="121" />
            <source>Repeat it</source>
            <translation>Repítalo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="68" />
            <location filename="../../ui/admin/operators.py" line="117" />
            <source>Role</source>
            <translation>Rol</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="291" />
            <source>Select a packer in the list first</source>
            <translation>Primero seleccione un empacador en la lista</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="268" />
            <location filename="../../ui/admin/operators.py" line="280" />
            <location filename="../../ui/admin/operators.py" line="315" />
            <source>Select an operator in the list first</source>
            <translation>Primero seleccione un operador en la lista</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="92" />
            <source>Set the selected operator's language</source>
            <translation>Cambiar el idioma del operador seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="68" />
            <source>State</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="215" />
            <source>The two entries differ — type the PIN or password again in both fields</source>
            <translation>Las dos entradas no coinciden — escriba otra vez el PIN o la contraseña en ambos campos</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="144" />
            <source>This station has joined a hub: operators are managed at the hub. Packers' badges and PINs come from there (they log in here offline too); leads, admins and auditors log in through the hub.</source>
            <translation>Esta estación se ha unido a un hub: los operadores se gestionan en el hub. Los gafetes y los PIN de los empacadores vienen de allí (también inician sesión aquí sin conexión); los líderes, administradores y auditores inician sesión a través del hub.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="187" />
            <source>Through the hub</source>
            <translation>A través del hub</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="220" />
            <source>Type the new operator's name</source>
            <translation>Escriba el nombre del operador nuevo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="76" />
            <source>Unlock selected</source>
            <translation>Desbloquear seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="103" />
            <source>e.g. maria.g (letters, digits, . _ -)</source>
            <translation>p. ej. maria.g (letras, dígitos, . _ -)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="85" />
            <source>new badge code for the selected packer</source>
            <translation>código del gafete nuevo para el empacador seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="303" />
            <source>{0} has a new badge; the old one no longer logs in</source>
            <translation>{0} tiene un gafete nuevo; el anterior ya no sirve para entrar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="275" />
            <source>{0} is disabled and can no longer log in</source>
            <translation>{0} está desactivado y ya no puede iniciar sesión</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="286" />
            <source>{0} is unlocked and may log in again</source>
            <translation>{0} está desbloqueado y puede volver a iniciar sesión</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="322" />
            <source>{0} reads the station in {1} from their next login</source>
            <translation>{0} verá la estación en {1} desde su próximo inicio de sesión</translation>
        </message>
    </context>
    <context>
        <name>OrderQueueModel</name>
        <message numerus="yes">
            <location filename="../../ui/screens/queue_model.py" line="80" />
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n línea</numerusform>
                <numerusform>%n líneas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/screens/queue_model.py" line="80" />
            <source>%n unit(s)</source>
            <translation>
                <numerusform>%n unidad</numerusform>
                <numerusform>%n unidades</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="25" />
            <source>Order</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="84" />
            <source>PARTLY SCANNED</source>
            <translation>ESCANEADO EN PARTE</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="26" />
            <source>Seller</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="26" />
            <source>Service</source>
            <translation>Servicio</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="25" />
            <source>Ship by</source>
            <translation>Enviar antes de</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="78" />
            <source>Standard</source>
            <translation>Estándar</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="27" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="87" />
            <source>TAKEN — {who}</source>
            <translation>OCUPADO — {who}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="27" />
            <source>Units</source>
            <translation>Unidades</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="32" />
            <source>being packed</source>
            <translation>empacándose</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="36" />
            <source>cancelled</source>
            <translation>cancelado</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="33" />
            <source>exception</source>
            <translation>excepción</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="34" />
            <source>packed, awaiting label</source>
            <translation>empacado, esperando etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="31" />
            <source>ready</source>
            <translation>lista</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue_model.py" line="35" />
            <source>shipped</source>
            <translation>enviado</translation>
        </message>
    </context>
    <context>
        <name>PackLineWidget</name>
        <message>
            <location filename="../../ui/widgets/pack_line.py" line="42" />
            <source>SERIAL</source>
            <translation>SERIE</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/pack_line.py" line="34" />
            <source>bin {0}</source>
            <translation>ubicación {0}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/pack_line.py" line="34" />
            <source>bin —</source>
            <translation>ubicación —</translation>
        </message>
    </context>
    <context>
        <name>PackWidget</name>
        <message>
            <location filename="../../ui/screens/pack.py" line="155" />
            <source>0 of 0</source>
            <translation>0 de 0</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="212" />
            <source>All items verified — choose the box</source>
            <translation>Todos los artículos verificados — elija la caja</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="83" />
            <source>Cancel the entry, or put the order back in the queue</source>
            <translation>Cancelar lo escrito, o devolver el pedido a la cola</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="140" />
            <source>F3   total for the ▶ line
F8   report a problem
Esc  put order back</source>
            <translation>F3   total de la línea ▶
F8   reportar un problema
Esc  regresar el pedido</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="242" />
            <source>GIFT MESSAGE — {0}</source>
            <translation>MENSAJE DE REGALO — {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="139" />
            <source>KEYS</source>
            <translation>TECLAS</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="224" />
            <source>LINE {0} OF {1} WITH THIS SKU</source>
            <translation>LÍNEA {0} DE {1} CON ESTE SKU</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="230" />
            <source>NOTE FROM THE LEAD</source>
            <translation>NOTA DEL LÍDER</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="96" />
            <source>ORDER</source>
            <translation>PEDIDO</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="177" />
            <source>ORDER {0}</source>
            <translation>PEDIDO {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="423" />
            <source>Order {0} moved to the exception queue: {1}</source>
            <translation>Pedido {0} pasado a la cola de excepciones: {1}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="431" />
            <source>Order {0} put back in the queue</source>
            <translation>Pedido {0} regresado a la cola</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="353" />
            <source>Order {0} was cancelled by the buyer — return the items to their bins, then press Enter</source>
            <translation>El comprador canceló el pedido {0} — regrese los artículos a sus ubicaciones, luego presione Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="98" />
            <source>PRIME</source>
            <translation>PRIME</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="215" />
            <source>Read the lead's note (right), then SCAN NEXT ITEM</source>
            <translation>Lea la nota del líder (a la derecha), luego ESCANEE EL SIGUIENTE ARTÍCULO</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="82" />
            <source>Report a problem (exception to the lead)</source>
            <translation>Reportar un problema (excepción para el líder)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="150" />
            <location filename="../../ui/screens/pack.py" line="213" />
            <location filename="../../ui/screens/pack.py" line="419" />
            <location filename="../../ui/screens/pack.py" line="456" />
            <source>SCAN NEXT ITEM</source>
            <translation>ESCANEE EL SIGUIENTE ARTÍCULO</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="320" />
            <source>SCAN THE SERIAL NUMBER of this unit</source>
            <translation>ESCANEE EL NÚMERO DE SERIE de esta unidad</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="128" />
            <source>SHIP TO</source>
            <translation>ENVIAR A</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="368" />
            <source>Scan one unit first, then press F3 to enter how many</source>
            <translation>Primero escanee una unidad, luego presione F3 para escribir cuántas</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="178" />
            <source>Seller: {0}</source>
            <translation>Vendedor: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="183" />
            <source>Ship by {0}</source>
            <translation>Enviar antes de {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="80" />
            <source>Ship when every item is scanned (or finish the entry)</source>
            <translation>Enviar cuando todos los artículos estén escaneados (o terminar lo escrito)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="342" />
            <source>Something went wrong — scan again</source>
            <translation>Algo salió mal — escanee otra vez</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="180" />
            <source>Standard</source>
            <translation>Estándar</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="411" />
            <source>Still {0} of {1} — SCAN NEXT ITEM</source>
            <translation>Todavía {0} de {1} — ESCANEE EL SIGUIENTE ARTÍCULO</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="398" />
            <source>Type a number</source>
            <translation>Escriba un número</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="81" />
            <source>Type the total scanned for the highlighted line</source>
            <translation>Escriba el total escaneado de la línea marcada</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="379" />
            <source>What is wrong?  {0}  — type the number, Enter (Esc: back)</source>
            <translation>¿Qué pasa?  {0}  — escriba el número, Enter (Esc: atrás)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="36" />
            <source>address</source>
            <translation>dirección</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="34" />
            <source>damaged</source>
            <translation>dañado</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="244" />
            <source>gift wrap: {0}</source>
            <translation>envoltura de regalo: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="37" />
            <source>other</source>
            <translation>otro</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="33" />
            <source>short</source>
            <translation>faltante</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="373" />
            <source>total, max {0}</source>
            <translation>total, máx. {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="35" />
            <source>wrong item in bin</source>
            <translation>artículo equivocado en ubicación</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="407" />
            <source>{0} are scanned already — the total can't go down here. F8 reports a problem.</source>
            <translation>Ya hay {0} escaneados — aquí el total no puede bajar. F8 reporta un problema.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="469" />
            <source>{0} of {1}</source>
            <translation>{0} de {1}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="371" />
            <source>{0}: {1} of {2} scanned now. Type the TOTAL for this line, then Enter</source>
            <translation>{0}: {1} de {2} escaneados ahora. Escriba el TOTAL de esta línea, luego Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="295" />
            <source>“{0}” does nothing here — scan the next item</source>
            <translation>“{0}” no hace nada aquí — escanee el siguiente artículo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="356" />
            <location filename="../../ui/screens/pack.py" line="444" />
            <location filename="../../ui/screens/pack.py" line="452" />
            <source>■ STOP — {0}</source>
            <translation>■ ALTO — {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="403" />
            <source>⚠ Only {0} ordered for this line — {1} is too many. The count stays {2} of {0}.</source>
            <translation>⚠ Solo se pidieron {0} para esta línea — {1} son demasiados. El conteo se queda en {2} de {0}.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="322" />
            <source>✔ SERIAL {0} RECORDED — {1}</source>
            <translation>✔ SERIE {0} REGISTRADA — {1}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pack.py" line="316" />
            <source>✖ WRONG ITEM — {0}</source>
            <translation>✖ ARTÍCULO EQUIVOCADO — {0}</translation>
        </message>
    </context>
    <context>
        <name>PackagingWidget</name>
        <message numerus="yes">
            <location filename="../../ui/screens/packaging.py" line="426" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n día</numerusform>
                <numerusform>%n días</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/screens/packaging.py" line="252" />
            <source>%n unit(s) left to place in a box</source>
            <translation>
                <numerusform>Falta poner %n unidad en una caja</numerusform>
                <numerusform>Faltan poner %n unidades en una caja</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/screens/packaging.py" line="345" />
            <source>%n unit(s) not in a box yet — put them in a box (PgUp/PgDn), then Enter</source>
            <translation>
                <numerusform>%n unidad aún sin caja — póngala en una caja (PgUp/PgDn), luego Enter</numerusform>
                <numerusform>%n unidades aún sin caja — póngalas en una caja (PgUp/PgDn), luego Enter</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="78" />
            <source>Add a box</source>
            <translation>Agregar una caja</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="524" />
            <source>All items are verified — press Enter to ship, or Esc to go back to the items</source>
            <translation>Todos los artículos están verificados — presione Enter para enviar, o Esc para volver a los artículos</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="111" />
            <source>BOXES</source>
            <translation>CAJAS</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="84" />
            <source>Back to the items</source>
            <translation>Volver a los artículos</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="421" />
            <source>Best rate: the hub buys the cheapest service that arrives in time</source>
            <translation>Mejor tarifa: el hub compra el servicio más barato que llega a tiempo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="182" />
            <source>Box chosen — put it on the scale (F7) or type the weight, then Enter</source>
            <translation>Caja elegida — póngala en la báscula (F7) o escriba el peso, luego Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="72" />
            <source>Box preset on this key</source>
            <translation>Caja predefinida en esta tecla</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="197" />
            <source>Box {0} ({1})</source>
            <translation>Caja {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="352" />
            <source>Box {0} has no weight — weigh it (F7) or type it</source>
            <translation>La caja {0} no tiene peso — pésela (F7) o escríbalo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="216" />
            <source>Box {0} of {1}: {2} {3}×{4}×{5} in</source>
            <translation>Caja {0} de {1}: {2} {3}×{4}×{5} in</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="281" />
            <source>Box {0} — weigh it (F7) or type the weight, then Enter</source>
            <translation>Caja {0} — pésela (F7) o escriba el peso, luego Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="289" />
            <source>Box {0}: set how many of each item go in it, then weigh it</source>
            <translation>Caja {0}: indique cuántos de cada artículo van en ella, luego pésela</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="75" />
            <source>Buy the label (weight typed or read first)</source>
            <translation>Comprar la etiqueta (primero escriba o lea el peso)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="443" />
            <source>Buying the label…</source>
            <translation>Comprando la etiqueta…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="82" />
            <source>Choose the rate above</source>
            <translation>Elegir la tarifa de arriba</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="83" />
            <source>Choose the rate below</source>
            <translation>Elegir la tarifa de abajo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="544" />
            <source>Enter: buy the label</source>
            <translation>Enter: comprar la etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="411" />
            <source>Enter: buy the label and print it (↑↓ to choose another service)</source>
            <translation>Enter: comprar la etiqueta e imprimirla (↑↓ para elegir otro servicio)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="149" />
            <source>F2 F3 F4 F6  box   ·   F7  read scale   ·   F9  add box   ·   PgUp/PgDn  box   ·   ↑↓  rate   ·   Enter  buy + print   ·   F11  label bought elsewhere   ·   Esc  back</source>
            <translation>F2 F3 F4 F6  caja   ·   F7  leer báscula   ·   F9  agregar caja   ·   PgUp/PgDn  caja   ·   ↑↓  tarifa   ·   Enter  comprar + imprimir   ·   F11  etiqueta comprada en otro lado   ·   Esc  atrás</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="390" />
            <source>Getting rates…</source>
            <translation>Obteniendo tarifas…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="198" />
            <source>Item</source>
            <translation>Artículo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="484" />
            <source>Label bought elsewhere: scan its tracking barcode (Esc: back)</source>
            <translation>Etiqueta comprada en otro lado: escanee su código de rastreo (Esc: atrás)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="490" />
            <source>Labels bought elsewhere: one box per order here</source>
            <translation>Etiquetas compradas en otro lado: aquí, una caja por pedido</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="198" />
            <source>Left to place</source>
            <translation>Por colocar</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="81" />
            <source>Next box</source>
            <translation>Caja siguiente</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="401" />
            <source>No carrier offers a rate for this box — check weight and size</source>
            <translation>Ningún transportista ofrece tarifa para esta caja — revise el peso y las medidas</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="301" />
            <source>No scale is set up — type the weight, then Enter</source>
            <translation>No hay báscula configurada — escriba el peso, luego Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="478" />
            <source>OFFLINE — order {0} packed and parked: its label prints when the connection returns</source>
            <translation>SIN CONEXIÓN — pedido {0} empacado y en espera: su etiqueta se imprime cuando vuelva la conexión</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="236" />
            <source>Only {0} of this item left to place — take it out of another box first</source>
            <translation>Solo quedan {0} de este artículo por colocar — primero sáquelo de otra caja</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="97" />
            <source>PACKAGING</source>
            <translation>EMPAQUE</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="177" />
            <source>PACKAGING — ORDER {0}</source>
            <translation>EMPAQUE — PEDIDO {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="80" />
            <source>Previous box</source>
            <translation>Caja anterior</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="447" />
            <source>Printing…</source>
            <translation>Imprimiendo…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="136" />
            <source>RATES — on time first, cheapest first, ★ default</source>
            <translation>TARIFAS — primero las a tiempo, primero la más barata, ★ predeterminada</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="77" />
            <source>Read the scale</source>
            <translation>Leer la báscula</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="315" />
            <source>Scale reads {0:.2f} lb — Enter uses the typed {1} lb (F7 takes the scale)</source>
            <translation>La báscula marca {0:.2f} lb — Enter usa las {1} lb escritas (F7 toma la báscula)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="323" />
            <source>Scale: {0:.2f} lb — press Enter to get rates</source>
            <translation>Báscula: {0:.2f} lb — presione Enter para obtener tarifas</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="79" />
            <source>Ship with an outside carrier label</source>
            <translation>Enviar con una etiqueta de otra paquetería</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="465" />
            <source>That did not work — press Enter to retry</source>
            <translation>No funcionó — presione Enter para reintentar</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="517" />
            <source>That is not a tracking barcode — scan the label's tracking number</source>
            <translation>Ese no es un código de rastreo — escanee el número de rastreo de la etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="337" />
            <source>Type the weight in pounds, like 1.25</source>
            <translation>Escriba el peso en libras, como 1.25</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="120" />
            <source>WEIGHT (lb)</source>
            <translation>PESO (lb)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="360" />
            <source>Weight {0:.2f} lb but expected {1:.2f} lb — check the box contents; Enter again ships anyway</source>
            <translation>Peso {0:.2f} lb pero se esperaban {1:.2f} lb — revise el contenido de la caja; Enter otra vez envía de todos modos</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="420" />
            <location filename="../../ui/screens/packaging.py" line="426" />
            <source>by {0}</source>
            <translation>llega el {0}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="263" />
            <source>expected {0:.2f} lb</source>
            <translation>se esperan {0:.2f} lb</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="263" />
            <source>no catalogue weight</source>
            <translation>sin peso de catálogo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="420" />
            <location filename="../../ui/screens/packaging.py" line="424" />
            <source>no delivery date given</source>
            <translation>sin fecha de entrega</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="123" />
            <source>scale, or type it + Enter</source>
            <translation>báscula, o escríbalo + Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="436" />
            <source>the promised date</source>
            <translation>la fecha prometida</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="270" />
            <source>{0:.2f} lb · expected {1:.2f} ± {2:.2f}  {3}</source>
            <translation>{0:.2f} lb · se esperan {1:.2f} ± {2:.2f}  {3}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="269" />
            <source>⚠ CHECK</source>
            <translation>⚠ REVISE</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="418" />
            <source>⚠ LATE</source>
            <translation>⚠ TARDE</translation>
        </message>
        <message>
            <location filename="../../ui/screens/packaging.py" line="407" />
            <source>⚠ NO SERVICE ARRIVES BY {0} (the buyer's promise). The first one is the cheapest late one — Enter buys it anyway, or ask a lead</source>
            <translation>⚠ NINGÚN SERVICIO LLEGA ANTES DEL {0} (lo prometido al comprador). El primero es el más barato de los atrasados — Enter lo compra de todos modos, o pregunte a un líder</translation>
        </message>
    </context>
    <context>
        <name>PrepScreen</name>
        <message>
            <location filename="../../ui/prep/base.py" line="63" />
            <source>Seller</source>
            <translation>Vendedor</translation>
        </message>
    </context>
    <context>
        <name>PrepUnitWidget</name>
        <message>
            <location filename="../../ui/prep/unit.py" line="50" />
            <source>30-up sheet (F6)</source>
            <translation>Hoja de 30 (F6)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="48" />
            <source>Expiry YYYY-MM-DD</source>
            <translation>Caducidad AAAA-MM-DD</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="49" />
            <source>Print labels (F5)</source>
            <translation>Imprimir etiquetas (F5)</translation>
        </message>
    </context>
    <context>
        <name>QueueWidget</name>
        <message numerus="yes">
            <location filename="../../ui/screens/queue.py" line="174" />
            <source>%n exception(s)</source>
            <translation>
                <numerusform>%n excepción</numerusform>
                <numerusform>%n excepciones</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="140" />
            <source>All sellers</source>
            <translation>Todos los vendedores</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="35" />
            <source>Awaiting label</source>
            <translation>Esperando etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="37" />
            <source>Cancelled</source>
            <translation>Cancelados</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="116" />
            <source>Choose the row above</source>
            <translation>Elegir la fila de arriba</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="117" />
            <source>Choose the row below</source>
            <translation>Elegir la fila de abajo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="34" />
            <source>Exceptions</source>
            <translation>Excepciones</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="118" />
            <source>Next order (as the NEXT ORDER barcode)</source>
            <translation>Siguiente pedido (como el código NEXT ORDER)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="115" />
            <source>Open the order typed in the search box, or the chosen row</source>
            <translation>Abrir el pedido escrito en la búsqueda, o la fila elegida</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="65" />
            <source>Prime only</source>
            <translation>Solo Prime</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="120" />
            <source>Print a pick list of these orders</source>
            <translation>Imprimir una lista de surtido de estos pedidos</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="119" />
            <source>Refresh the queue</source>
            <translation>Actualizar la cola</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="54" />
            <source>SCAN NEXT ORDER</source>
            <translation>ESCANEE EL SIGUIENTE PEDIDO</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="97" />
            <source>Scan an order barcode or Amazon order id, or type it + Enter · NEXT ORDER or F2 · ↑↓ Enter open a row · F5 refresh · F7 pick list · F9 FBA prep · F10 lead/admin · F12 switch operator · F1 keys</source>
            <translation>Escanee el código del pedido o el número de pedido de Amazon, o escríbalo + Enter · NEXT ORDER o F2 · ↑↓ Enter abrir una fila · F5 actualizar · F7 lista de surtido · F9 preparación FBA · F10 líder/administrador · F12 cambiar de operador · F1 teclas</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="221" />
            <source>Scan an order barcode, or NEXT ORDER</source>
            <translation>Escanee el código de barras de un pedido, o NEXT ORDER</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="219" />
            <source>Searching for {0} — scan an order barcode to open one</source>
            <translation>Buscando {0} — escanee el código de barras de un pedido para abrirlo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="194" />
            <source>Searching for {0} — ↓ to pick a row, then Enter</source>
            <translation>Buscando {0} — ↓ para elegir una fila, luego Enter</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="70" />
            <source>Seller</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="36" />
            <source>Shipped</source>
            <translation>Enviados</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="70" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="33" />
            <source>To pack</source>
            <translation>Por empacar</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="68" />
            <source>search order id, SKU or tracking</source>
            <translation>buscar id de pedido, SKU o rastreo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="174" />
            <source>{0} at risk</source>
            <translation>{0} en riesgo</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="173" />
            <source>{0} late</source>
            <translation>{0} atrasados</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="175" />
            <source>{0} parked</source>
            <translation>{0} en espera</translation>
        </message>
        <message>
            <location filename="../../ui/screens/queue.py" line="173" />
            <source>{0} to pack</source>
            <translation>{0} por empacar</translation>
        </message>
    </context>
    <context>
        <name>ReceivingWidget</name>
        <message>
            <location filename="../../ui/prep/receiving.py" line="27" />
            <source>Delivery</source>
            <translation>Entrega</translation>
        </message>
    </context>
    <context>
        <name>SellersWidget</name>
        <message>
            <location filename="../../ui/admin/sellers.py" line="40" />
            <source>Forget seller</source>
            <translation>Olvidar vendedor</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="32" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="26" />
            <source>Sellers are authorised at the hub (pacific-hub seller invite); their orders reach this station once it has joined the hub.</source>
            <translation>Los vendedores se autorizan en el hub (pacific-hub seller invite); sus pedidos llegan a esta estación cuando se ha unido al hub.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="38" />
            <source>To erase ALL of the selected seller's data, type its seller id:</source>
            <translation>Para borrar TODOS los datos del vendedor seleccionado, escriba su id de vendedor:</translation>
        </message>
    </context>
    <context>
        <name>SettingsWidget</name>
        <message>
            <location filename="../../ui/admin/settings.py" line="28" />
            <source> days</source>
            <translation> días</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="31" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="50" />
            <source>Box</source>
            <translation>Caja</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="49" />
            <source>Box presets (F-keys on the pack screen)</source>
            <translation>Cajas predefinidas (teclas F en la pantalla de empaque)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="51" />
            <source>Empty weight (lb)</source>
            <translation>Peso vacía (lb)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="40" />
            <source>Erase buyer data after shipping (0-30)</source>
            <translation>Borrar los datos del comprador después del envío (0-30)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="137" />
            <source>Idle lock must be between 1 and 120 minutes</source>
            <translation>El bloqueo por inactividad debe ser entre 1 y 120 minutos</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="50" />
            <source>Inside L × W × H (in)</source>
            <translation>Interior L × A × H (in)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="50" />
            <source>Key</source>
            <translation>Tecla</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="41" />
            <source>Lock the screen after no input for</source>
            <translation>Bloquear la pantalla tras inactividad de</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="119" />
            <source>Nothing changed</source>
            <translation>No cambió nada</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="47" />
            <source>Save changes</source>
            <translation>Guardar cambios</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="127" />
            <location filename="../../ui/admin/settings.py" line="131" />
            <source>Saved: {0}</source>
            <translation>Guardado: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="43" />
            <source>Shift ends</source>
            <translation>Fin del turno</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="42" />
            <source>Shift starts</source>
            <translation>Inicio del turno</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="141" />
            <source>Shift times are HH:MM, e.g. 06:00</source>
            <translation>Las horas del turno son HH:MM, p. ej. 06:00</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="44" />
            <source>Time zone</source>
            <translation>Zona horaria</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="45" />
            <source>Weight may differ from expected by</source>
            <translation>El peso puede diferir del esperado en</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="139" />
            <source>Weight tolerance must be between 1 and 50 %</source>
            <translation>La tolerancia de peso debe ser entre 1 y 50 %</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="135" />
            <source>{0} cannot be changed on this screen</source>
            <translation>{0} no se puede cambiar en esta pantalla</translation>
        </message>
    </context>
    <context>
        <name>StationWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="205" />
            <source>Badge scanned — type your PIN</source>
            <translation>Gafete escaneado — escriba su PIN</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="345" />
            <source>Could not open that order</source>
            <translation>No se pudo abrir ese pedido</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="229" />
            <source>FBA prep</source>
            <translation>Preparación FBA</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="169" />
            <source>Keyboard-wedge scanner: scan, or type the code + Enter</source>
            <translation>Escáner tipo teclado: escanee, o escriba el código + Enter</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="239" />
            <source>Keys on this screen (F1 closes):</source>
            <translation>Teclas de esta pantalla (F1 cierra):</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="227" />
            <source>Lead/admin area</source>
            <translation>Área de líder/administrador</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="498" />
            <source>Locked after {0:g} minutes without input — scan your badge to go on</source>
            <translation>Bloqueado tras {0:g} minutos sin actividad — escanee su gafete para continuar</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="440" />
            <source>OFFLINE — keep packing. Labels are parked and print when the connection returns.</source>
            <translation>SIN CONEXIÓN — siga empacando. Las etiquetas quedan en espera y se imprimen cuando vuelva la conexión.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="527" />
            <source>Only leads and admins may open the lead/admin screens — this was recorded</source>
            <translation>Solo líderes y administradores pueden abrir las pantallas de líder/administrador — esto quedó registrado</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="310" />
            <source>Opening {0}…</source>
            <translation>Abriendo {0}…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="549" />
            <source>Operator switched — scan your badge</source>
            <translation>Cambio de operador — escanee su gafete</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="392" />
            <source>Pick list %1</source>
            <translation>Lista de surtido %1</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="301" />
            <source>SCAN NEXT ORDER</source>
            <translation>ESCANEE EL SIGUIENTE PEDIDO</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="509" />
            <source>Session ended ({0}) — ask a lead or admin</source>
            <translation>Sesión terminada ({0}) — pregunte a un líder o administrador</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="126" />
            <source>Show or hide the keys of this screen</source>
            <translation>Mostrar u ocultar las teclas de esta pantalla</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="230" />
            <source>Switch operator</source>
            <translation>Cambiar de operador</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="463" />
            <source>The buyer changed the address — check the ship-to block</source>
            <translation>El comprador cambió la dirección — revise el bloque de ENVIAR A</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="266" />
            <source>Welcome, {0}. Scan an order or NEXT ORDER.</source>
            <translation>Bienvenido, {0}. Escanee un pedido o NEXT ORDER.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/main_window.py" line="280" />
            <source>⚠ %n security alert(s) in the last 24 h — latest: {0} ({1}). F10 › Audit trail to review.</source>
            <translation>
                <numerusform>⚠ %n alerta de seguridad en las últimas 24 h — la más reciente: {0} ({1}). F10 › Registro de auditoría para revisarla.</numerusform>
                <numerusform>⚠ %n alertas de seguridad en las últimas 24 h — la más reciente: {0} ({1}). F10 › Registro de auditoría para revisarlas.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatusBarWidget</name>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="98" />
            <source>({0} failed)</source>
            <translation>({0} fallaron)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="38" />
            <source>admin</source>
            <translation>administrador</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="39" />
            <source>auditor</source>
            <translation>auditor</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="31" />
            <source>closed</source>
            <translation>cerrada</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="32" />
            <source>error</source>
            <translation>error</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="20" />
            <source>head open</source>
            <translation>cabezal abierto</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="37" />
            <source>lead</source>
            <translation>líder</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="33" />
            <source>not answering</source>
            <translation>no responde</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="22" />
            <source>not set up</source>
            <translation>sin configurar</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="27" />
            <source>ok</source>
            <translation>bien</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="19" />
            <source>out of labels</source>
            <translation>sin etiquetas</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="36" />
            <source>packer</source>
            <translation>empacador</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="30" />
            <source>paused</source>
            <translation>en pausa</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="42" />
            <source>printer</source>
            <translation>impresora</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="24" />
            <location filename="../../ui/widgets/status_bar.py" line="25" />
            <source>ready</source>
            <translation>lista</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="43" />
            <source>scale</source>
            <translation>báscula</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="44" />
            <source>scanner</source>
            <translation>escáner</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="23" />
            <source>settling</source>
            <translation>estabilizando</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="26" />
            <source>stable</source>
            <translation>estable</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="21" />
            <source>unplugged</source>
            <translation>desconectado</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="29" />
            <source>virtual</source>
            <translation>virtual</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="28" />
            <source>wedge</source>
            <translation>tipo teclado</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="58" />
            <source>⇅ outbox 0</source>
            <translation>⇅ bandeja de salida 0</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="99" />
            <source>⇅ outbox {0}</source>
            <translation>⇅ bandeja de salida {0}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="85" />
            <source>◉ locked — scan a badge</source>
            <translation>◉ bloqueado — escanee un gafete</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="55" />
            <source>◉ nobody logged in</source>
            <translation>◉ nadie ha iniciado sesión</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="93" />
            <source>● OFFLINE</source>
            <translation>● SIN CONEXIÓN</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="57" />
            <source>● connecting…</source>
            <translation>● conectando…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="90" />
            <source>● not joined to a hub</source>
            <translation>● sin unirse a un hub</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="93" />
            <source>● online</source>
            <translation>● en línea</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="59" />
            <source>● printer …</source>
            <translation>● impresora …</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="60" />
            <source>● scale …</source>
            <translation>● báscula …</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/status_bar.py" line="61" />
            <source>● scanner wedge</source>
            <translation>● escáner tipo teclado</translation>
        </message>
    </context>
    <context>
        <name>admin</name>
        <message>
            <location filename="../../ui/admin/devices.py" line="230" />
            <source> (not plugged in)</source>
            <translation> (no conectado)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="60" />
            <source> · bin {0}</source>
            <translation> · ubicación {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="144" />
            <source>%1 is not in the exception queue</source>
            <translation>%1 no está en la cola de excepciones</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/admin/labels.py" line="79" />
            <source>%n labelled box(es) — choose one, give a reason, F8</source>
            <translation>
                <numerusform>%n caja con etiqueta — elija una, escriba un motivo, F8</numerusform>
                <numerusform>%n cajas con etiqueta — elija una, escriba un motivo, F8</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/admin/audit.py" line="113" />
            <source>%n row(s) shown</source>
            <translation>
                <numerusform>%n fila mostrada</numerusform>
                <numerusform>%n filas mostradas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/admin/audit.py" line="114" />
            <source>, %n ALERT(S)</source>
            <translation>
                <numerusform>, %n ALERTA</numerusform>
                <numerusform>, %n ALERTAS</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/admin/sellers.py" line="86" />
            <source>; %n backup(s) holding it deleted — write a new backup</source>
            <translation>
                <numerusform>; %n respaldo que lo contenía borrado — haga un respaldo nuevo</numerusform>
                <numerusform>; %n respaldos que lo contenían borrados — haga un respaldo nuevo</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="28" />
            <source>? unreadable</source>
            <translation>? ilegible</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="101" />
            <source>Back to packing, scans kept</source>
            <translation>Volver a empacar, escaneos guardados</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="39" />
            <source>Box</source>
            <translation>Caja</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="97" />
            <location filename="../../ui/admin/summary.py" line="104" />
            <source>Boxes</source>
            <translation>Cajas</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="169" />
            <source>Cancel order {0}? It leaves the queue and will not ship from this station.</source>
            <translation>¿Cancelar el pedido {0}? Sale de la cola y no se enviará desde esta estación.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="170" />
            <source>Cancel the order</source>
            <translation>Cancelar el pedido</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="103" />
            <source>Cancel the selected order (asks first)</source>
            <translation>Cancelar el pedido seleccionado (pregunta antes)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="39" />
            <location filename="../../ui/admin/summary.py" line="104" />
            <source>Carrier</source>
            <translation>Transportista</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="39" />
            <location filename="../../ui/admin/summary.py" line="104" />
            <source>Cost</source>
            <translation>Costo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="138" />
            <source>Create the operator</source>
            <translation>Crear el operador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="88" />
            <source>Day</source>
            <translation>Día</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="136" />
            <source>Disable the selected operator (asks first)</source>
            <translation>Desactivar el operador seleccionado (pregunta antes)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="140" />
            <source>Done: the operator has set up the authenticator</source>
            <translation>Listo: el operador configuró el autenticador</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="72" />
            <source>Enrolment code</source>
            <translation>Código de registro</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="34" />
            <source>Find</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="100" />
            <source>Find the order and select a box first</source>
            <translation>Primero busque el pedido y seleccione una caja</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="59" />
            <source>Find the order's labelled boxes</source>
            <translation>Buscar las cajas con etiqueta del pedido</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="48" />
            <source>Forget the seller (type its id first)</source>
            <translation>Olvidar el vendedor (primero escriba su id)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="103" />
            <source>Give a reason for voiding the label</source>
            <translation>Escriba un motivo para anular la etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="137" />
            <source>Give the selected packer the new badge</source>
            <translation>Dar el gafete nuevo al empacador seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="53" />
            <source>Give this to {0} now — it is shown only once.
In the authenticator app choose 'enter a setup key':
  Account: {0}   Issuer: Pacific Prep Station   Type: time-based
  Key: {1}
Or open this link on the operator's phone:
  {2}</source>
            <translation>Entréguele esto a {0} ahora — solo se muestra una vez.
En la app de autenticación elija 'ingresar una clave de configuración':
  Cuenta: {0}   Emisor: Pacific Prep Station   Tipo: basada en tiempo
  Clave: {1}
O abra este enlace en el teléfono del operador:
  {2}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="62" />
            <source>Hub</source>
            <translation>Hub</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="71" />
            <source>Hub address</source>
            <translation>Dirección del hub</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="56" />
            <location filename="../../ui/admin/settings.py" line="68" />
            <source>Join the hub</source>
            <translation>Unirse al hub</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="84" />
            <source>Joined the hub as {name}</source>
            <translation>Unido al hub como {name}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/base.py" line="104" />
            <source>Keep</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="85" />
            <source>Keyboard-wedge scanner</source>
            <translation>Escáner tipo teclado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="67" />
            <source>Keyboard-wedge scanner (the default: scans arrive as keys)</source>
            <translation>Escáner tipo teclado (predeterminado: los escaneos llegan como teclas)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="98" />
            <source>Label cost</source>
            <translation>Costo de etiquetas</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="124" />
            <source>Label voided — order %1 is back in the queue to be labelled again</source>
            <translation>Etiqueta anulada — el pedido %1 volvió a la cola para etiquetarse de nuevo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="39" />
            <source>Labelled</source>
            <translation>Con etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="28" />
            <source>Last sync</source>
            <translation>Última sincronización</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="163" />
            <source>Look for devices again</source>
            <translation>Buscar dispositivos otra vez</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="182" />
            <source>Manifest for %1: %2</source>
            <translation>Manifiesto del %1: %2</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="28" />
            <source>Marketplaces</source>
            <translation>Marketplaces</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="28" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="136" />
            <source>No orders in the exception queue</source>
            <translation>No hay pedidos en la cola de excepciones</translation>
        </message>
        <message>
            <location filename="../../ui/admin/base.py" line="112" />
            <source>No, keep it (when asked)</source>
            <translation>No, dejarlo así (cuando pregunta)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/base.py" line="43" />
            <source>Not allowed: {0}. This was recorded. Ask an admin if you need it.</source>
            <translation>No permitido: {0}. Esto quedó registrado. Pida a un administrador si lo necesita.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="99" />
            <source>Not joined</source>
            <translation>Sin unir</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="173" />
            <source>Nothing shipped on {0}: no manifest to print</source>
            <translation>No se envió nada el {0}: no hay manifiesto que imprimir</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="71" />
            <source>Order</source>
            <translation>Pedido</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="81" />
            <source>Order %1 has no label to void</source>
            <translation>El pedido %1 no tiene etiqueta que anular</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="184" />
            <source>Order {0}</source>
            <translation>Pedido {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="175" />
            <source>Order {0} is back in the queue (scans kept)</source>
            <translation>El pedido {0} volvió a la cola (se guardan los escaneos)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="176" />
            <source>Order {0} is back in the queue, to count again</source>
            <translation>El pedido {0} volvió a la cola, para contar de nuevo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="177" />
            <source>Order {0} is cancelled</source>
            <translation>El pedido {0} está cancelado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="104" />
            <source>Orders</source>
            <translation>Pedidos</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="97" />
            <source>Orders shipped</source>
            <translation>Pedidos enviados</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="87" />
            <source>Print manifest</source>
            <translation>Imprimir manifiesto</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="87" />
            <location filename="../../ui/admin/devices.py" line="218" />
            <source>Print queue {0}</source>
            <translation>Cola de impresión {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="109" />
            <source>Print the manifest of that day</source>
            <translation>Imprimir el manifiesto de ese día</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="102" />
            <source>Re-pick: count from zero</source>
            <translation>Volver a surtir: contar desde cero</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="162" />
            <source>Read the scale</source>
            <translation>Leer la báscula</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="71" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="43" />
            <source>Reason (required, no customer details)</source>
            <translation>Motivo (obligatorio, sin datos del cliente)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="104" />
            <location filename="../../ui/admin/operators.py" line="142" />
            <location filename="../../ui/admin/sellers.py" line="49" />
            <source>Refresh the list</source>
            <translation>Actualizar la lista</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="28" />
            <source>Region</source>
            <translation>Región</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="71" />
            <source>Reported by</source>
            <translation>Reportado por</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="74" />
            <source>Result</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="55" />
            <source>Save the changes</source>
            <translation>Guardar los cambios</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="160" />
            <source>Save the choice of devices</source>
            <translation>Guardar la selección de dispositivos</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="71" />
            <source>Scan or type an order id first</source>
            <translation>Primero escanee o escriba un id de pedido</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="32" />
            <source>Scan the slip or type the order id, then Enter</source>
            <translation>Escanee la hoja o escriba el id del pedido, luego Enter</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="74" />
            <source>Scanned</source>
            <translation>Escaneado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="73" />
            <source>Scans of the selected order</source>
            <translation>Escaneos del pedido seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="83" />
            <source>Search the audit trail</source>
            <translation>Buscar en el registro de auditoría</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="160" />
            <location filename="../../ui/admin/exceptions.py" line="167" />
            <source>Select an order in the list first</source>
            <translation>Primero seleccione un pedido en la lista</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="71" />
            <source>Seller</source>
            <translation>Vendedor</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="28" />
            <source>Seller id</source>
            <translation>Id del vendedor</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="139" />
            <source>Set the selected operator's language</source>
            <translation>Cambiar el idioma del operador seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="86" />
            <source>Show</source>
            <translation>Mostrar</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="108" />
            <source>Show the day typed</source>
            <translation>Mostrar el día escrito</translation>
        </message>
        <message>
            <location filename="../../ui/admin/base.py" line="47" />
            <source>Something went wrong ({0}). Try again; if it happens again, call the admin.</source>
            <translation>Algo salió mal ({0}). Intente de nuevo; si vuelve a pasar, llame al administrador.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="39" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="161" />
            <source>Test print on the label printer</source>
            <translation>Impresión de prueba en la impresora de etiquetas</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="70" />
            <source>This station's hub</source>
            <translation>El hub de esta estación</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="254" />
            <source>To give a badge, put the cursor in a badge field (Tab), then scan it</source>
            <translation>Para dar un gafete, ponga el cursor en un campo de gafete (Tab), luego escanéelo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="39" />
            <source>Tracking</source>
            <translation>Rastreo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="143" />
            <source>Type the day as YYYY-MM-DD, e.g. 2026-03-10</source>
            <translation>Escriba el día como AAAA-MM-DD, p. ej. 2026-03-10</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="81" />
            <source>Type {0} exactly to confirm; nothing was erased</source>
            <translation>Escriba {0} exactamente para confirmar; no se borró nada</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="135" />
            <source>Unlock the selected operator</source>
            <translation>Desbloquear el operador seleccionado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/audit.py" line="84" />
            <source>Verify the chain</source>
            <translation>Verificar la cadena</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="74" />
            <source>Virtual document printer</source>
            <translation>Impresora de documentos virtual</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="71" />
            <source>Virtual printer (label files in the station home)</source>
            <translation>Impresora virtual (archivos de etiquetas en la carpeta de la estación)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="72" />
            <source>Virtual scale (simulated readings)</source>
            <translation>Báscula virtual (lecturas simuladas)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="73" />
            <source>Virtual scanner</source>
            <translation>Escáner virtual</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="108" />
            <source>Void the label</source>
            <translation>Anular la etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="106" />
            <source>Void the label of box %1 of %2? Amazon is told to cancel it; the box is labelled again.</source>
            <translation>¿Anular la etiqueta de la caja %1 de %2? Se le pide a Amazon que la cancele; la caja se vuelve a etiquetar.</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="46" />
            <source>Void the selected label</source>
            <translation>Anular la etiqueta seleccionada</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="60" />
            <source>Void the selected label (asks first)</source>
            <translation>Anular la etiqueta seleccionada (pregunta antes)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="104" />
            <source>Weight (lb)</source>
            <translation>Peso (lb)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="71" />
            <location filename="../../ui/admin/exceptions.py" line="74" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="74" />
            <source>Who</source>
            <translation>Quién</translation>
        </message>
        <message>
            <location filename="../../ui/admin/base.py" line="102" />
            <source>Yes</source>
            <translation>Sí</translation>
        </message>
        <message>
            <location filename="../../ui/admin/base.py" line="111" />
            <source>Yes, do it (when asked)</source>
            <translation>Sí, hacerlo (cuando pregunta)</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="39" />
            <source>count reset</source>
            <translation>conteo reiniciado</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="65" />
            <source>none chosen — labels cannot print</source>
            <translation>ninguna elegida — no se pueden imprimir etiquetas</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="68" />
            <source>none — PDF files kept in the station home</source>
            <translation>ninguna — los PDF se guardan en la carpeta de la estación</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="66" />
            <source>none — weights are typed</source>
            <translation>ninguna — los pesos se escriben</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="37" />
            <source>resolved: {0}</source>
            <translation>resuelto: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="28" />
            <source>serial asked</source>
            <translation>serie pedida</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="87" />
            <source>{0} forgotten: {1} orders and all its data erased</source>
            <translation>{0} olvidado: {1} pedidos y todos sus datos borrados</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="98" />
            <source>{station} at {url}</source>
            <translation>{station} en {url}</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="35" />
            <source>⚑ problem reported ({0})</source>
            <translation>⚑ problema reportado ({0})</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="27" />
            <source>⚠ too many</source>
            <translation>⚠ demasiados</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="26" />
            <source>✔ complete</source>
            <translation>✔ completo</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="26" />
            <source>✔ good</source>
            <translation>✔ bien</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="27" />
            <source>✖ wrong item</source>
            <translation>✖ artículo equivocado</translation>
        </message>
    </context>
    <context>
        <name>documents</name>
        <message>
            <location filename="../../ui/documents.py" line="65" />
            <source>NOT printed on %1 (%2) — the file is in %3</source>
            <translation>NO se imprimió en %1 (%2) — el archivo está en %3</translation>
        </message>
        <message>
            <location filename="../../ui/documents.py" line="67" />
            <source>printed on %1 (job %2); copy in %3</source>
            <translation>impreso en %1 (trabajo %2); copia en %3</translation>
        </message>
        <message>
            <location filename="../../ui/documents.py" line="59" />
            <source>saved as %1 — no document printer is set (an admin chooses one under Devices)</source>
            <translation>guardado como %1 — no hay impresora de documentos configurada (un administrador elige una en Dispositivos)</translation>
        </message>
    </context>
    <context>
        <name>keyhelp</name>
        <message>
            <location filename="../../ui/keyhelp.py" line="147" />
            <source>Keys on this screen (F1 or Esc closes):</source>
            <translation>Teclas de esta pantalla (F1 o Esc para cerrar):</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message numerus="yes">
            <location filename="../../ui/main_window.py" line="426" />
            <source>%n failed</source>
            <translation>
                <numerusform>%n falló</numerusform>
                <numerusform>%n fallaron</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/main_window.py" line="425" />
            <source>Parked orders: %n label(s) printed</source>
            <translation>
                <numerusform>Pedidos en espera: %n etiqueta impresa</numerusform>
                <numerusform>Pedidos en espera: %n etiquetas impresas</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>prep</name>
        <message numerus="yes">
            <location filename="../../ui/prep/unit.py" line="78" />
            <source>%1: %n prep step(s)</source>
            <translation>
                <numerusform>%1: %n paso de preparación</numerusform>
                <numerusform>%1: %n pasos de preparación</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/prep/boxes.py" line="134" />
            <source>%n box label(s) printed — put one on each box, not on a seam</source>
            <translation>
                <numerusform>%n etiqueta de caja impresa — pegue una en cada caja, no sobre una unión</numerusform>
                <numerusform>%n etiquetas de caja impresas — pegue una en cada caja, no sobre una unión</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/prep/unit.py" line="98" />
            <source>%n label(s) printed for %1 — scan the next unit</source>
            <translation>
                <numerusform>%n etiqueta impresa para %1 — escanee la siguiente unidad</numerusform>
                <numerusform>%n etiquetas impresas para %1 — escanee la siguiente unidad</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="74" />
            <source>, warning label {0} in</source>
            <translation>, etiqueta de advertencia de {0} in</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="67" />
            <source>Amazon's counts read for {0} SKUs</source>
            <translation>Conteos de Amazon leídos para {0} SKU</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="22" />
            <source>Awaiting
prep</source>
            <translation>Esperan
preparación</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="104" />
            <source>Box {0} closed ({1} units, {2:.1f} lb) — F2 for the next</source>
            <translation>Caja {0} cerrada ({1} unidades, {2:.1f} lb) — F2 para la siguiente</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="81" />
            <source>Box {0} open — scan units</source>
            <translation>Caja {0} abierta — escanee unidades</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="139" />
            <source>Box {0} · {1} · {2} · {3} units</source>
            <translation>Caja {0} · {1} · {2} · {3} unidades</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="48" />
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="74" />
            <source>Catalogue: {0} products saved, {1} rows refused</source>
            <translation>Catálogo: {0} productos guardados, {1} filas rechazadas</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="48" />
            <source>Close box</source>
            <translation>Cerrar caja</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="40" />
            <source>Close delivery + receipt</source>
            <translation>Cerrar entrega + recibo</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="73" />
            <source>Close the box (weight and sides first)</source>
            <translation>Cerrar la caja (primero peso y medidas)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="50" />
            <source>Close the delivery and print the receipt</source>
            <translation>Cerrar la entrega e imprimir el recibo</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="37" />
            <source>Damaged</source>
            <translation>Dañado</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="90" />
            <source>Delivery closed: {0} received, {1} short, {2} damaged, {3} over — receipt ready to print</source>
            <translation>Entrega cerrada: {0} recibidas, {1} faltantes, {2} dañadas, {3} de más — recibo listo para imprimir</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="87" />
            <source>Delivery not saved: {0} rows to fix</source>
            <translation>Entrega no guardada: {0} filas por corregir</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="90" />
            <source>Delivery {0} ({1}) expected — receive it at Receiving</source>
            <translation>Entrega {0} ({1}) esperada — recíbala en Recepción</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="92" />
            <source>Delivery {0} expected</source>
            <translation>Entrega {0} esperada</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="100" />
            <source>Delivery {0} · {1} · {2}</source>
            <translation>Entrega {0} · {1} · {2}</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="44" />
            <source>Enter an expected delivery from a CSV</source>
            <translation>Registrar una entrega esperada desde un CSV</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="63" />
            <source>Expected delivery CSV</source>
            <translation>CSV de entrega esperada</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="31" />
            <source>Expected delivery CSV…</source>
            <translation>CSV de entrega esperada…</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="26" />
            <source>FBA
available</source>
            <translation>FBA
disponible</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="30" />
            <source>FBA
reserved</source>
            <translation>FBA
reservado</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="43" />
            <source>Import a catalogue CSV</source>
            <translation>Importar un CSV de catálogo</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="27" />
            <source>Import catalogue CSV…</source>
            <translation>Importar CSV de catálogo…</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="24" />
            <source>In
boxes</source>
            <translation>En
cajas</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="23" />
            <source>In
prep</source>
            <translation>En
preparación</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="29" />
            <source>Inbound
receiving</source>
            <translation>Envío
recibiéndose</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="28" />
            <source>Inbound
shipped</source>
            <translation>Envío
enviado</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="27" />
            <source>Inbound
working</source>
            <translation>Envío
en curso</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="53" />
            <source>Labels:</source>
            <translation>Etiquetas:</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="49" />
            <source>Mark the next scans damaged (on/off)</source>
            <translation>Marcar los siguientes escaneos como dañados (sí/no)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="37" />
            <source>No box open — F2 opens one</source>
            <translation>No hay caja abierta — F2 abre una</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="32" />
            <source>No delivery open — choose one above (a lead enters expected deliveries)</source>
            <translation>No hay entrega abierta — elija una arriba (un líder registra las entregas esperadas)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/base.py" line="92" />
            <source>No label printer is set up — an admin adds it under Devices</source>
            <translation>No hay impresora de etiquetas configurada — un administrador la agrega en Dispositivos</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="21" />
            <source>On
hand</source>
            <translation>En
existencia</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="72" />
            <source>Open a box</source>
            <translation>Abrir una caja</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="85" />
            <source>Open a box first (F2)</source>
            <translation>Primero abra una caja (F2)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="69" />
            <source>Open a delivery first</source>
            <translation>Primero abra una entrega</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="48" />
            <source>Open box</source>
            <translation>Abrir caja</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/prep/boxes.py" line="121" />
            <source>Plan confirmed: %n shipment(s), {0} boxes — print the box labels (F11)</source>
            <translation>
                <numerusform>Plan confirmado: %n envío, {0} cajas — imprima las etiquetas de caja (F11)</numerusform>
                <numerusform>Plan confirmado: %n envíos, {0} cajas — imprima las etiquetas de caja (F11)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="144" />
            <source>Plan {0} · {1} · {2} units</source>
            <translation>Plan {0} · {1} · {2} unidades</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="62" />
            <source>Print box labels</source>
            <translation>Imprimir etiquetas de caja</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="58" />
            <source>Print the FNSKU labels</source>
            <translation>Imprimir las etiquetas FNSKU</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="75" />
            <source>Print the box labels</source>
            <translation>Imprimir las etiquetas de caja</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="46" />
            <source>Refresh from Amazon</source>
            <translation>Actualizar desde Amazon</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="46" />
            <source>Reload</source>
            <translation>Recargar</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="38" />
            <source>SCAN A UNIT</source>
            <translation>ESCANEE UNA UNIDAD</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="20" />
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="39" />
            <source>Scan a prepped unit into the box</source>
            <translation>Escanee una unidad preparada para meterla en la caja</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="33" />
            <source>Scan a unit (UPC/EAN, SKU or FNSKU)</source>
            <translation>Escanee una unidad (UPC/EAN, SKU o FNSKU)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="84" />
            <location filename="../../ui/prep/unit.py" line="105" />
            <source>Scan a unit first</source>
            <translation>Primero escanee una unidad</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="34" />
            <source>Scan each unit (or a case-pack barcode)</source>
            <translation>Escanee cada unidad (o el código de una caja master)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="58" />
            <source>Seller catalogue CSV</source>
            <translation>CSV del catálogo del vendedor</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="47" />
            <source>Seller statement</source>
            <translation>Estado de cuenta del vendedor</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="127" />
            <source>Send a plan first (F9)</source>
            <translation>Primero envíe un plan (F9)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="61" />
            <source>Send closed boxes to Amazon</source>
            <translation>Enviar cajas cerradas a Amazon</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="74" />
            <source>Send the closed boxes to Amazon</source>
            <translation>Enviar las cajas cerradas a Amazon</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="25" />
            <source>Sent
in</source>
            <translation>Enviadas
a FBA</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="116" />
            <source>Sheet of {0} labels ready ({1} pages)</source>
            <translation>Hoja de {0} etiquetas lista ({1} páginas)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="81" />
            <source>Statement ready (CSV and PDF)</source>
            <translation>Estado de cuenta listo (CSV y PDF)</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="59" />
            <source>The same labels on a 30-up sheet</source>
            <translation>Las mismas etiquetas en una hoja de 30</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="31" />
            <source>Unfulfil-
lable</source>
            <translation>No
vendible</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="56" />
            <source>Weight, sides:</source>
            <translation>Peso, medidas:</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="138" />
            <source>case-packed</source>
            <translation>caja master</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="138" />
            <source>individual units</source>
            <translation>unidades sueltas</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="69" />
            <source>{0}
{1} · {2} · seller {3}</source>
            <translation>{0}
{1} · {2} · vendedor {3}</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="73" />
            <source>🛍  Bag size {0} in</source>
            <translation>🛍  Tamaño de bolsa {0} in</translation>
        </message>
    </context>
    <context>
        <name>screens</name>
        <message>
            <location filename="../../ui/admin/audit.py" line="44" />
            <source>Audit trail</source>
            <translation>Registro de auditoría</translation>
        </message>
        <message>
            <location filename="../../ui/prep/catalog.py" line="21" />
            <source>Catalogue &amp; deliveries</source>
            <translation>Catálogo y entregas</translation>
        </message>
        <message>
            <location filename="../../ui/admin/devices.py" line="114" />
            <source>Devices</source>
            <translation>Dispositivos</translation>
        </message>
        <message>
            <location filename="../../ui/admin/summary.py" line="68" />
            <source>End of day</source>
            <translation>Cierre del día</translation>
        </message>
        <message>
            <location filename="../../ui/admin/exceptions.py" line="66" />
            <source>Exception queue</source>
            <translation>Cola de excepciones</translation>
        </message>
        <message>
            <location filename="../../ui/prep/boxes.py" line="30" />
            <source>FBA boxes</source>
            <translation>Cajas FBA</translation>
        </message>
        <message>
            <location filename="../../ui/prep/inventory.py" line="36" />
            <source>FBA inventory</source>
            <translation>Inventario FBA</translation>
        </message>
        <message>
            <location filename="../../ui/admin/operators.py" line="63" />
            <source>Operators</source>
            <translation>Operadores</translation>
        </message>
        <message>
            <location filename="../../ui/prep/unit.py" line="26" />
            <source>Prep</source>
            <translation>Preparación</translation>
        </message>
        <message>
            <location filename="../../ui/prep/receiving.py" line="19" />
            <source>Receiving</source>
            <translation>Recepción</translation>
        </message>
        <message>
            <location filename="../../ui/admin/sellers.py" line="21" />
            <source>Sellers</source>
            <translation>Vendedores</translation>
        </message>
        <message>
            <location filename="../../ui/admin/settings.py" line="20" />
            <source>Settings</source>
            <translation>Configuración</translation>
        </message>
        <message>
            <location filename="../../ui/admin/labels.py" line="25" />
            <source>Void a label</source>
            <translation>Anular una etiqueta</translation>
        </message>
    </context>
    <context>
        <name>shipby</name>
        <message>
            <location filename="../../ui/shipby.py" line="19" />
            <source>Apr</source>
            <translation>abr</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="20" />
            <source>Aug</source>
            <translation>ago</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="21" />
            <source>Dec</source>
            <translation>dic</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="18" />
            <source>Feb</source>
            <translation>feb</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="14" />
            <source>Fri</source>
            <translation>vie</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="18" />
            <source>Jan</source>
            <translation>ene</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="20" />
            <source>Jul</source>
            <translation>jul</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="19" />
            <source>Jun</source>
            <translation>jun</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="69" />
            <source>LATE</source>
            <translation>ATRASADO</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="69" />
            <source>LATE {0} h</source>
            <translation>ATRASADO {0} h</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="18" />
            <source>Mar</source>
            <translation>mar</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="19" />
            <source>May</source>
            <translation>may</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="13" />
            <source>Mon</source>
            <translation>lun</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="21" />
            <source>Nov</source>
            <translation>nov</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="21" />
            <source>Oct</source>
            <translation>oct</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="14" />
            <source>Sat</source>
            <translation>sáb</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="20" />
            <source>Sep</source>
            <translation>sep</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="15" />
            <source>Sun</source>
            <translation>dom</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="14" />
            <source>Thu</source>
            <translation>jue</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="13" />
            <source>Tue</source>
            <translation>mar</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="13" />
            <source>Wed</source>
            <translation>mié</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="71" />
            <source>{0} today</source>
            <translation>{0} hoy</translation>
        </message>
        <message>
            <location filename="../../ui/shipby.py" line="73" />
            <source>{0} tomorrow</source>
            <translation>{0} mañana</translation>
        </message>
    </context>
    <context>
        <name>station</name>
        <message>
            <location filename="../../station/services/prep.py" line="44" />
            <source>'Sold as set — do not separate' label on the set</source>
            <translation>Etiqueta 'Sold as set — do not separate' (se vende como juego, no separar) en el juego</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="108" />
            <source>A label bought through the hub is voided by a lead (F10 › Void a label)</source>
            <translation>Una etiqueta comprada a través del hub la anula un líder (F10 › Anular una etiqueta)</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="168" />
            <source>A service needs a name and a positive quantity</source>
            <translation>Un servicio necesita un nombre y una cantidad positiva</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="28" />
            <source>Address problem</source>
            <translation>Problema con la dirección</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="38" />
            <source>Bag it: clear poly bag, 1.5 mil or thicker, sealed</source>
            <translation>Embólselo: bolsa de plástico transparente, de 1.5 mil o más gruesa, sellada</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="42" />
            <source>Black or opaque bag / shrink wrap (adult product)</source>
            <translation>Bolsa negra u opaca / envoltura retráctil (producto para adultos)</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="129" />
            <source>Box dimensions must be positive</source>
            <translation>Las medidas de la caja deben ser positivas</translation>
        </message>
        <message>
            <location filename="../../station/services/prep_boxes.py" line="127" />
            <source>Box {0} is {1} — open a new box</source>
            <translation>La caja {0} está {1} — abra una caja nueva</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="39" />
            <source>Bubble-wrap it: no edge may show</source>
            <translation>Envuélvalo en plástico de burbujas: que no se vea ningún borde</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="45" />
            <source>Bundle the units into one set</source>
            <translation>Junte las unidades en un solo juego</translation>
        </message>
        <message>
            <location filename="../../sync/hubsync.py" line="40" />
            <source>Cancelled after the label was bought: pull the box and void its label</source>
            <translation>Cancelado después de comprar la etiqueta: retire la caja y anule su etiqueta</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="260" />
            <source>Choose a reason: {0}</source>
            <translation>Elija un motivo: {0}</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="24" />
            <source>Claim lost: a lead released this order or another station has it — stop and hand the box to the lead</source>
            <translation>Reserva perdida: un líder liberó este pedido u otra estación lo tiene — deténgase y entregue la caja al líder</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="46" />
            <source>Cover the old barcodes with blank stickers</source>
            <translation>Tape los códigos de barras viejos con etiquetas en blanco</translation>
        </message>
        <message>
            <location filename="../../station/services/inbound_receiving.py" line="194" />
            <source>Delivery {0} is closed — open a new one for late units</source>
            <translation>La entrega {0} está cerrada — abra una nueva para las unidades que llegaron tarde</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="217" />
            <source>Enter a quantity between 1 and 10000</source>
            <translation>Escriba una cantidad entre 1 y 10000</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="133" />
            <source>Every unit must be in exactly one box</source>
            <translation>Cada unidad debe estar en una sola caja</translation>
        </message>
        <message>
            <location filename="../../station/services/inbound_receiving.py" line="83" />
            <source>Expected quantities must be positive</source>
            <translation>Las cantidades esperadas deben ser positivas</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="53" />
            <source>Expiry date on the label (36 pt) and on the box</source>
            <translation>Fecha de caducidad en la etiqueta (36 pt) y en la caja</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="314" />
            <source>Give a reason for voiding the label</source>
            <translation>Escriba un motivo para anular la etiqueta</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="242" />
            <source>Give the carrier and the tracking number</source>
            <translation>Indique el transportista y el número de rastreo</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="26" />
            <source>Item damaged</source>
            <translation>Artículo dañado</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="25" />
            <source>Item short: not enough units in the bin</source>
            <translation>Faltan artículos: no hay suficientes unidades en la ubicación</translation>
        </message>
        <message>
            <location filename="../../ui/label_ops.py" line="150" />
            <source>Label reprinted</source>
            <translation>Etiqueta reimpresa</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="106" />
            <source>Labels are jammed in the printer — clear the path, then reprint</source>
            <translation>Las etiquetas están atascadas en la impresora — despeje el paso, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="102" />
            <source>Labels bought through the hub are confirmed by the hub</source>
            <translation>Las etiquetas compradas a través del hub las confirma el hub</translation>
        </message>
        <message>
            <location filename="../../station/services/auth.py" line="60" />
            <source>Languages: {0}</source>
            <translation>Idiomas: {0}</translation>
        </message>
        <message>
            <location filename="../../station/services/auth.py" line="49" />
            <source>Login failed: check the name/badge and password/PIN</source>
            <translation>No se pudo iniciar sesión: revise el nombre/gafete y la contraseña/PIN</translation>
        </message>
        <message>
            <location filename="../../station/services/prep_boxes.py" line="121" />
            <source>No box {0}</source>
            <translation>No existe la caja {0}</translation>
        </message>
        <message>
            <location filename="../../ui/label_ops.py" line="56" />
            <source>No carrier offers a rate for this box</source>
            <translation>Ningún transportista ofrece tarifa para esta caja</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="420" />
            <source>No connection to Amazon is configured</source>
            <translation>No hay conexión con Amazon configurada</translation>
        </message>
        <message>
            <location filename="../../station/services/inbound_receiving.py" line="188" />
            <source>No delivery {0}</source>
            <translation>No existe la entrega {0}</translation>
        </message>
        <message>
            <location filename="../../ui/label_ops.py" line="145" />
            <source>No label printer is set up</source>
            <translation>No hay impresora de etiquetas configurada</translation>
        </message>
        <message>
            <location filename="../../ui/label_ops.py" line="70" />
            <source>No label printer is set up — ask an admin (Devices), then press F5 to reprint</source>
            <translation>No hay impresora de etiquetas configurada — pida a un administrador (Dispositivos), luego presione F5 para reimprimir</translation>
        </message>
        <message>
            <location filename="../../station/services/auth.py" line="174" />
            <source>No operator named {0}</source>
            <translation>No hay ningún operador llamado {0}</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="307" />
            <location filename="../../station/services/pack.py" line="407" />
            <location filename="../../station/services/shipping.py" line="401" />
            <source>No order {0}</source>
            <translation>No existe el pedido {0}</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="128" />
            <source>No order {0} on this station — check the pick list, or sync</source>
            <translation>El pedido {0} no está en esta estación — revise la lista de surtido, o sincronice</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="167" />
            <source>No orders waiting — the queue is empty</source>
            <translation>No hay pedidos pendientes — la cola está vacía</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="52" />
            <source>No prep needed: label only</source>
            <translation>No necesita preparación: solo etiqueta</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="144" />
            <source>No product {0} for seller {1}</source>
            <translation>No existe el producto {0} para el vendedor {1}</translation>
        </message>
        <message>
            <location filename="../../station/services/inbound_receiving.py" line="78" />
            <location filename="../../station/services/prep_boxes.py" line="58" />
            <source>No seller {0} on this station</source>
            <translation>El vendedor {0} no está en esta estación</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="287" />
            <source>No such box</source>
            <translation>Esa caja no existe</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="415" />
            <source>No such box on this order</source>
            <translation>Esa caja no existe en este pedido</translation>
        </message>
        <message>
            <location filename="../../ui/wiring.py" line="23" />
            <source>Not joined to a hub: an admin joins one (Admin → Settings → Hub, or pacific-station hub join URL)</source>
            <translation>Sin unirse a un hub: un administrador la une a uno (Administrador → Configuración → Hub, o pacific-station hub join URL)</translation>
        </message>
        <message>
            <location filename="../../ui/wiring.py" line="55" />
            <source>Nothing on the scale — put the box on it, or type the weight</source>
            <translation>No hay nada en la báscula — ponga la caja, o escriba el peso</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="318" />
            <source>Only a box with a label can be voided</source>
            <translation>Solo se puede anular una caja con etiqueta</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="262" />
            <source>Only an open order can be moved to the exception queue</source>
            <translation>Solo un pedido abierto puede pasar a la cola de excepciones</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="226" />
            <source>Only {0} more needed for this line</source>
            <translation>Solo faltan {0} para esta línea</translation>
        </message>
        <message>
            <location filename="../../station/services/prep_boxes.py" line="78" />
            <source>Only {0} units of {1} are on hand and not yet boxed — check the count</source>
            <translation>Solo hay {0} unidades de {1} disponibles y sin caja — revise el conteo</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="382" />
            <source>Order complete — choose the box</source>
            <translation>Pedido completo — elija la caja</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="406" />
            <source>Order {0} cannot be shipped now ({1})</source>
            <translation>El pedido {0} no se puede enviar ahora ({1})</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="132" />
            <source>Order {0} has shipped already</source>
            <translation>El pedido {0} ya se envió</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="141" />
            <location filename="../../station/services/pack.py" line="420" />
            <location filename="../../station/services/shipping.py" line="409" />
            <source>Order {0} is being packed by {1}</source>
            <translation>{1} está empacando el pedido {0}</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="134" />
            <source>Order {0} is in the exception queue — a lead must resolve it first</source>
            <translation>El pedido {0} está en la cola de excepciones — primero un líder debe resolverlo</translation>
        </message>
        <message>
            <location filename="../../sync/hubsync.py" line="249" />
            <source>Order {0} is not known at the hub yet — sync first</source>
            <translation>El hub aún no conoce el pedido {0} — sincronice primero</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="411" />
            <source>Order {0} is not open for packing ({1})</source>
            <translation>El pedido {0} no está abierto para empacar ({1})</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="138" />
            <source>Order {0} is not ready to ship yet ({1})</source>
            <translation>El pedido {0} todavía no está listo para enviarse ({1})</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="136" />
            <source>Order {0} is packed and waiting for its label</source>
            <translation>El pedido {0} está empacado y esperando su etiqueta</translation>
        </message>
        <message>
            <location filename="../../sync/hubsync.py" line="266" />
            <source>Order {0} is taken: being packed at {1}</source>
            <translation>El pedido {0} está tomado: se está empacando en {1}</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="48" />
            <source>Order {0} was cancelled by the buyer — stop packing, return the items to their bins, then scan the next order</source>
            <translation>El comprador canceló el pedido {0} — deje de empacar, regrese los artículos a sus ubicaciones, luego escanee el siguiente pedido</translation>
        </message>
        <message>
            <location filename="../../sync/hubsync.py" line="166" />
            <source>Order {0} was shipped elsewhere (another station or Seller Central) — stop packing and return the items to their bins</source>
            <translation>El pedido {0} se envió desde otro lugar (otra estación o Seller Central) — deje de empacar y devuelva los artículos a sus ubicaciones</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="98" />
            <source>Orders come from the hub's changes</source>
            <translation>Los pedidos llegan con los cambios del hub</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="29" />
            <source>Other problem</source>
            <translation>Otro problema</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="37" />
            <source>Parcel is over the scale's limit — use the floor scale</source>
            <translation>El paquete pasa del límite de la báscula — use la báscula de piso</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="141" />
            <source>Print between 1 and {0} labels at a time</source>
            <translation>Imprima entre 1 y {0} etiquetas a la vez</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="105" />
            <source>Printer cutter is jammed — clear it, then reprint</source>
            <translation>La cuchilla de la impresora está atascada — despéjela, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="101" />
            <source>Printer head is open — close it, then reprint</source>
            <translation>El cabezal de la impresora está abierto — ciérrelo, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="104" />
            <source>Printer head is too hot — wait a minute, then reprint</source>
            <translation>El cabezal de la impresora está muy caliente — espere un minuto, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="102" />
            <source>Printer is paused — press its pause button, then reprint</source>
            <translation>La impresora está en pausa — presione su botón de pausa, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="107" />
            <source>Printer is too hot — let it cool down, then reprint</source>
            <translation>La impresora está muy caliente — deje que se enfríe, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="100" />
            <source>Printer out of labels — load a roll, then reprint</source>
            <translation>La impresora no tiene etiquetas — ponga un rollo, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="108" />
            <source>Printer reports an error — check its display</source>
            <translation>La impresora marca un error — revise su pantalla</translation>
        </message>
        <message>
            <location filename="../../drivers/printers/zebra_status.py" line="103" />
            <source>Printer ribbon is out — load a ribbon, then reprint</source>
            <translation>La impresora no tiene cinta — ponga una cinta, luego reimprima</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="37" />
            <source>Put an FNSKU label on the unit, covering every other barcode</source>
            <translation>Pegue una etiqueta FNSKU en la unidad, tapando todos los demás códigos de barras</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="41" />
            <source>Put it in a box that fits</source>
            <translation>Póngalo en una caja del tamaño adecuado</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="48" />
            <source>Put it on a hanger</source>
            <translation>Póngalo en un gancho</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="287" />
            <source>Resolve with requeue, repick or cancel</source>
            <translation>Resuelva con regresar a la cola, volver a surtir o cancelar</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="36" />
            <source>Scale is still moving — let the parcel rest, then weigh again</source>
            <translation>La báscula todavía se mueve — deje quieto el paquete, luego pese otra vez</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="40" />
            <source>Scale needs calibration — tell a lead</source>
            <translation>La báscula necesita calibración — avise a un líder</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="39" />
            <source>Scale needs zeroing — empty it and press its zero button</source>
            <translation>La báscula necesita ponerse en cero — vacíela y presione su botón de cero</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="38" />
            <source>Scale reads below zero — empty it and press its zero button</source>
            <translation>La báscula marca menos de cero — vacíela y presione su botón de cero</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="35" />
            <source>Scale reads zero — put the parcel on the scale</source>
            <translation>La báscula marca cero — ponga el paquete en la báscula</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="41" />
            <source>Scale reports a fault — unplug it and plug it back in</source>
            <translation>La báscula marca una falla — desconéctela y vuelva a conectarla</translation>
        </message>
        <message>
            <location filename="../../drivers/scales/hidscale.py" line="42" />
            <source>Scale uses a unit the station cannot read — set it to lb, oz, g or kg</source>
            <translation>La báscula usa una unidad que la estación no lee — cámbiela a lb, oz, g o kg</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="209" />
            <source>Scan the serial number of this unit</source>
            <translation>Escanee el número de serie de esta unidad</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="47" />
            <source>Seal the cap</source>
            <translation>Selle la tapa</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="50" />
            <source>Separate the bundled units</source>
            <translation>Separe las unidades del paquete</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="51" />
            <source>Ships in its own container: label the box itself</source>
            <translation>Se envía en su propia caja: etiquete la caja misma</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="43" />
            <source>Suffocation warning on the bag (opening 5 in or more)</source>
            <translation>Advertencia de asfixia en la bolsa (abertura de 5 in o más)</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="49" />
            <source>Take it off the hanger</source>
            <translation>Quítelo del gancho</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="40" />
            <source>Tape it shut on all open sides</source>
            <translation>Ciérrelo con cinta por todos los lados abiertos</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="365" />
            <source>That item is not in this order</source>
            <translation>Ese artículo no es de este pedido</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="427" />
            <source>That line is not in this order</source>
            <translation>Esa línea no es de este pedido</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="285" />
            <source>That order is not in the exception queue</source>
            <translation>Ese pedido no está en la cola de excepciones</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="234" />
            <source>That serial number is not readable — scan it again</source>
            <translation>Ese número de serie no se puede leer — escanéelo otra vez</translation>
        </message>
        <message>
            <location filename="../../station/services/inbound_receiving.py" line="102" />
            <source>The CSV needs a SKU column and a quantity column</source>
            <translation>El CSV necesita una columna de SKU y una de cantidad</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="86" />
            <source>The hub could not finish this label ({0}): {1}</source>
            <translation>El hub no pudo completar esta etiqueta ({0}): {1}</translation>
        </message>
        <message>
            <location filename="../../station/errors.py" line="61" />
            <source>The hub is out of reach: leads, admins and auditors log in through the hub. Lead-only steps wait until it is back; a packer can park the order as an exception.</source>
            <translation>No se puede contactar con el hub: los líderes, administradores y auditores inician sesión a través del hub. Los pasos de líder esperan hasta que vuelva; un empacador puede pasar el pedido a la cola de excepciones.</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="79" />
            <source>The hub is out of reach: the label is parked and bought when it is back</source>
            <translation>No hay conexión con el hub: la etiqueta queda en espera y se compra cuando vuelva</translation>
        </message>
        <message>
            <location filename="../../station/services/hub_shipping.py" line="44" />
            <source>The hub is out of reach: the void waits and is sent when the hub is back with a lead logged in there — the label stays valid until then</source>
            <translation>No hay conexión con el hub: la anulación espera y se envía cuando vuelva el hub con un líder conectado en él — hasta entonces la etiqueta sigue vigente</translation>
        </message>
        <message>
            <location filename="../../sync/hubsync.py" line="271" />
            <source>The hub is out of reach: this station packs only the orders it holds, and {0} is not one of them</source>
            <translation>No hay conexión con el hub: esta estación solo empaca los pedidos que tiene reservados, y {0} no es uno de ellos</translation>
        </message>
        <message>
            <location filename="../../sync/hublabels.py" line="33" />
            <source>The hub is out of reach: this waits and is sent when it is back</source>
            <translation>No hay conexión con el hub: esto espera y se envía cuando vuelva</translation>
        </message>
        <message>
            <location filename="../../station/services/hub_shipping.py" line="109" />
            <source>The hub refused to void this label</source>
            <translation>El hub rechazó anular esta etiqueta</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="105" />
            <source>The label document comes back with the purchase; reprint from the station</source>
            <translation>El documento de la etiqueta llega con la compra; reimprima desde la estación</translation>
        </message>
        <message>
            <location filename="../../station/services/hub_shipping.py" line="46" />
            <source>The void waits for a lead logged in at the hub: log in again while the hub is connected — the label stays valid until then</source>
            <translation>La anulación espera a un líder conectado en el hub: inicie sesión de nuevo mientras el hub esté conectado — hasta entonces la etiqueta sigue vigente</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="202" />
            <source>This box has a label already — reprint it instead</source>
            <translation>Esta caja ya tiene etiqueta — mejor reimprímala</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="290" />
            <source>This box has no label document to print</source>
            <translation>Esta caja no tiene documento de etiqueta para imprimir</translation>
        </message>
        <message>
            <location filename="../../station/services/prep_boxes.py" line="75" />
            <source>This case-packed box holds {0} only — open another box for {1}</source>
            <translation>Esta caja master solo lleva {0} — abra otra caja para {1}</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="223" />
            <source>This item needs a serial per unit — scan each unit</source>
            <translation>Este artículo necesita un número de serie por unidad — escanee cada unidad</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="206" />
            <source>This item needs a serial per unit — scan single units</source>
            <translation>Este artículo necesita un número de serie por unidad — escanee unidades sueltas</translation>
        </message>
        <message>
            <location filename="../../station/services/hub_shipping.py" line="87" />
            <source>This label was not bought through the hub: void it in Seller Central</source>
            <translation>Esta etiqueta no se compró a través del hub: anúlela en Seller Central</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="31" />
            <source>This order did not come from the hub</source>
            <translation>Este pedido no vino del hub</translation>
        </message>
        <message>
            <location filename="../../station/services/shipping.py" line="168" />
            <source>This order has no ship-to address on the station (erased or not synced)</source>
            <translation>Este pedido no tiene dirección de envío en la estación (borrada o sin sincronizar)</translation>
        </message>
        <message>
            <location filename="../../station/services/seller_keys.py" line="46" />
            <source>This order's buyer data cannot be opened (damaged or sealed under another key).</source>
            <translation>Los datos del comprador de este pedido no se pueden abrir (dañados o sellados con otra clave).</translation>
        </message>
        <message>
            <location filename="../../station/services/seller_keys.py" line="38" />
            <source>This order's buyer data is locked: the station has been away from the hub too long and its key for this seller ran out. Reconnect the station to the hub, then open the order again.</source>
            <translation>Los datos del comprador de este pedido están bloqueados: la estación lleva demasiado tiempo sin conexión con el hub y su clave para este vendedor ha caducado. Vuelva a conectar la estación al hub y abra el pedido de nuevo.</translation>
        </message>
        <message>
            <location filename="../../station/services/seller_keys.py" line="42" />
            <source>This order's buyer data is locked: the station holds no key for this seller (forgotten at the hub, or never leased). Reconnect the station to the hub; a lead can park the order meanwhile.</source>
            <translation>Los datos del comprador de este pedido están bloqueados: la estación no tiene clave para este vendedor (olvidado en el hub o nunca concedida). Vuelva a conectar la estación al hub; mientras tanto, un encargado puede apartar el pedido.</translation>
        </message>
        <message>
            <location filename="../../station/store/orders.py" line="173" />
            <location filename="../../station/store/packages.py" line="148" />
            <source>This order's buyer data is sealed and this program holds no seller keys</source>
            <translation>Los datos del comprador de este pedido están sellados y este programa no tiene claves de vendedor</translation>
        </message>
        <message>
            <location filename="../../station/services/auth.py" line="50" />
            <source>This station has joined a hub: operators are managed at the hub (pacific-hub user ...)</source>
            <translation>Esta estación se ha unido a un hub: los operadores se gestionan en el hub (pacific-hub user ...)</translation>
        </message>
        <message>
            <location filename="../../sync/hubmarket.py" line="71" />
            <source>Through the hub a label is bought by rule; rate the box again</source>
            <translation>A través del hub la etiqueta se compra por regla; vuelva a cotizar la caja</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="201" />
            <source>Too many: {0} needs {1}, already {2} — put this one back</source>
            <translation>Demasiados: {0} necesita {1}, ya van {2} — regrese este</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="365" />
            <source>Unknown barcode</source>
            <translation>Código de barras desconocido</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="27" />
            <source>Wrong item in the bin</source>
            <translation>Artículo equivocado en la ubicación</translation>
        </message>
        <message>
            <location filename="../../sync/hubsync.py" line="265" />
            <source>another station</source>
            <translation>otra estación</translation>
        </message>
        <message>
            <location filename="../../sync/hubsync.py" line="41" />
            <source>cancelled by buyer</source>
            <translation>cancelado por el comprador</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="363" />
            <source>nothing more</source>
            <translation>nada más</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="119" />
            <source>{0} belongs to {1} products ({2}) — choose the seller first</source>
            <translation>{0} pertenece a {1} productos ({2}) — primero elija el vendedor</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="124" />
            <source>{0} has no FNSKU yet — ask the lead to fill the catalogue from Amazon</source>
            <translation>{0} todavía no tiene FNSKU — pida al líder que complete el catálogo desde Amazon</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="115" />
            <source>{0} is not in any seller's catalogue — set the unit aside and tell the lead</source>
            <translation>{0} no está en el catálogo de ningún vendedor — aparte la unidad y avise al líder</translation>
        </message>
        <message>
            <location filename="../../station/services/prep_boxes.py" line="71" />
            <source>{0} is not one of this seller's products — check the unit's label</source>
            <translation>{0} no es un producto de este vendedor — revise la etiqueta de la unidad</translation>
        </message>
        <message>
            <location filename="../../station/services/prep.py" line="146" />
            <source>{0} needs an expiry date (YYYY-MM-DD) on its label</source>
            <translation>{0} necesita fecha de caducidad (AAAA-MM-DD) en su etiqueta</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="366" />
            <source>{0} — expected: {1}</source>
            <translation>{0} — se esperaba: {1}</translation>
        </message>
        <message>
            <location filename="../../ui/label_ops.py" line="78" />
            <location filename="../../ui/label_ops.py" line="149" />
            <source>{0} — then press F5 to reprint</source>
            <translation>{0} — luego presione F5 para reimprimir</translation>
        </message>
        <message>
            <location filename="../../station/services/pack.py" line="384" />
            <source>{0}: {1} of {2}</source>
            <translation>{0}: {1} de {2}</translation>
        </message>
    </context>
</TS>
