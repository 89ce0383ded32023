import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const autoDiscovery: Lesson = {
  id: "auto-discovery",
  title: "Auto-discovery of controllers",
  summary: "every *_controller.py that exposes `bp` is registered without editing create_app",
  problem: () =>
    md`
    Each resource module brings a blueprint, and a blueprint does nothing until it is registered
    on the app. With a hand-written list in the factory, adding a module means editing two places,
    and forgetting the second one gives a 404 that nothing explains. A generator that adds modules
    (\`pyscaffold add\`) would also have to edit your factory — code you may have changed.
  `,
  how: () =>
    md`
    At startup the factory looks for files named \`*/*_controller.py\` **next to the package**
    (\`Path(__file__).parent\`), in sorted order, imports each one as a module of the package
    with \`importlib.import_module\`, and registers its \`bp\` if it is a \`Blueprint\`. Dropping
    \`src/orders/orders_controller.py\` with a \`bp\` into the project is enough to serve it.

    The original design globbed \`Path("src")\`, which is relative to the *current working
    directory*: it works when you start the server from the project root and silently finds no
    controllers when gunicorn, a test runner or a container starts it from anywhere else. Globbing
    relative to the package's own file has no such dependency.

    Models are discovered the same way: \`import_models()\` in \`src/models/__init__.py\` imports
    every \`*_model.py\` next to it, so the application, \`create_all\` in the tests and Alembic's
    autogenerate all see a new model as soon as its file exists.
  `,
  tradeoffs: () =>
    md`
    - **Implicit wiring.** Searching the code for where \`orders_controller\` is registered finds
      nothing; you have to know the convention. The naming rule (\`<module>/<module>_controller.py\`
      with \`bp\`) is the whole contract, and the README states it.
    - **Import errors appear at startup.** A syntax error in any controller stops the app from
      starting. That is a feature (fail fast), but the traceback points at the import.
    - **Order.** Blueprints are registered in sorted path order, so startup is deterministic; two
      blueprints that claim the same URL are still a bug to avoid.
    - **Packaging.** Globbing needs the source files on disk, which is true for a normal install
      and for containers; it would not be for a zip application.
    - **Common mistake:** a helper file named \`something_controller.py\` that has no blueprint is
      imported (with its side effects) and skipped; keep the suffix for controllers.
  `,
  excerpts: [
    {
      caption: "Discovery of controllers, relative to the package.",
      path: "src/__init__.py",
      locator: { def: "register_blueprints" },
    },
    {
      caption: "Discovery of models, the same way.",
      path: "src/models/__init__.py",
      locator: { def: "import_models" },
    },
    {
      caption: "What discovery looks for: a module-level \`bp\`.",
      path: "src/{module}/{module}_controller.py",
      locator: { from: "bp = " },
    },
  ],
  related: ["application-factory", "three-layer-architecture"],
};
