"""What a learner may write: the allow-list of syntax and names, and friendly refusals.

These checks read the source before anything runs. They are guidance and a
first line of defence (every refusal says what to write instead); what makes
typed code safe for the app is the separate process it runs in
(``core.kernel``).
"""

from __future__ import annotations

import ast
import unicodedata

from core.i18n import N_, _

ALLOWED_MODULES = {
    "torch",
    "torch.nn",
    "torch.nn.functional",
    "torch.nn.init",
    "torch.autograd",
    "torch.linalg",
    "torch.fft",
    "torch.special",
    "torch.optim",
    "torch.cuda",
    "torch.random",
    "torch.backends",
    "torch.backends.mps",
    "numpy",
    "numpy.random",
    "numpy.linalg",
}
FORBIDDEN_ATTRIBUTES = {
    "format",
    "format_map",
    "tofile",
    "dump",
    "dumps",
    "save",
    "load",
    "from_file",
    "fromfile",
    "loadtxt",
    "savetxt",
    "genfromtxt",
    "memmap",
    "savez",
    "savez_compressed",
    "share_memory_",
    "compile",
    "hub",
    "jit",
    "ops",
    "classes",
    "library",
    "load_library",
    "CUDAPluggableAllocator",
    "change_current_allocator",
    "package",
    "serialization",
    "utils",
    "multiprocessing",
    "distributed",
    "onnx",
    "export",
    "load_state_dict_from_url",
    "set_default_dtype",
    "set_default_device",
    "set_default_tensor_type",
    "set_num_threads",
    "set_num_interop_threads",
    "set_printoptions",
    "set_flush_denormal",
    "use_deterministic_algorithms",
    "set_rng_state",
    "gi_frame",
    "gi_code",
    "f_globals",
    "f_locals",
    "f_back",
    "cr_frame",
    "ag_frame",
    "tb_frame",
    "mro",
    "register_module",
    "setattr",
    "getattr",
    "delattr",
}
ALLOWED_NODES = (
    ast.Module,
    ast.Expr,
    ast.Assign,
    ast.AugAssign,
    ast.AnnAssign,
    ast.For,
    ast.While,
    ast.If,
    ast.Break,
    ast.Continue,
    ast.Pass,
    ast.Delete,
    ast.Assert,
    ast.With,
    ast.withitem,
    ast.BoolOp,
    ast.BinOp,
    ast.UnaryOp,
    ast.Compare,
    ast.IfExp,
    ast.Call,
    ast.keyword,
    ast.Constant,
    ast.Attribute,
    ast.Subscript,
    ast.Slice,
    ast.Starred,
    ast.Name,
    ast.List,
    ast.Tuple,
    ast.Dict,
    ast.Set,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.comprehension,
    ast.JoinedStr,
    ast.FormattedValue,
    ast.Load,
    ast.Store,
    ast.Del,
    ast.expr_context,
    ast.boolop,
    ast.operator,
    ast.unaryop,
    ast.cmpop,
    ast.Import,
    ast.ImportFrom,
    ast.alias,
)
# The refusals are translated where they are raised (``_``); ``N_`` marks them for the catalogue.
# What ``import`` may name: the lesson's own imports (they bind the modules offered anyway), no others.
LESSON_IMPORTS = ("torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch.autograd", "numpy")
TRAINING_IMPORTS = ("torchvision", "torch.utils", "torch.utils.data")
IMPORT_REFUSAL = N_(
    "import {module} is not available here. The lesson's imports work: torch, torch.nn, "
    "torch.nn.functional, torch.optim, torch.autograd and numpy (and torch, np, nn, F are already there)."
)
TRAINING_REFUSAL = N_(
    "{module} (DataLoader, datasets, transforms) is not available in this playground: the Train tab runs "
    "the lesson's training program (cell 26) on MNIST, with the same batches, loss and optimizer."
)
NOT_AVAILABLE = N_("{0} is not available in this playground.")
NO_FUNCTIONS = N_("Defining functions (def) is not available in this playground.")
REFUSED_SYNTAX = {
    ast.Lambda: N_("lambda functions are not available in this playground."),
    ast.FunctionDef: NO_FUNCTIONS,
    ast.AsyncFunctionDef: NO_FUNCTIONS,
    ast.ClassDef: N_(
        "Defining classes is not available here: the lesson's networks are ready, exactly as the lesson "
        "defines them: Net() (also called LeNet()) and Neuralnetwork(28 * 28, 300, 100, 10) (also MLP())."
    ),
    ast.Global: N_("global is not needed here: every variable you assign is kept for the session."),
    ast.Nonlocal: N_("nonlocal is not available in this playground."),
    ast.Try: N_("try/except is not available here: errors are explained for you instead."),
    ast.Raise: N_("raise is not available in this playground."),
    ast.Yield: N_("yield is not available in this playground."),
    ast.Await: N_("await is not available in this playground."),
    ast.NamedExpr: N_("The := operator is not available in this playground."),
}
LOOP_TARGET_REFUSAL = N_("A loop variable must be a plain name (for i in ...), not an attribute such as {0}.")
# Where an attribute may not be a target: only ``obj.name = value`` goes through the guard.
ATTRIBUTE_TARGET_REFUSALS = {
    ast.Delete: N_("del removes your own variables (del x), not attributes such as {0}."),
    ast.For: LOOP_TARGET_REFUSAL,
    ast.comprehension: LOOP_TARGET_REFUSAL,
    ast.withitem: N_("with ... as needs a plain name after as, not an attribute such as {0}."),
    ast.AnnAssign: N_(
        "An annotated assignment needs a plain name (n: int = 1), not an attribute such as {0}."
    ),
    ast.AugAssign: N_("Write {0} = {0} + ... instead: +=, *= and the like are not available on attributes."),
}
FULL_WIDTH_EXTRA = {
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "。": ".",
    "、": ",",
    "【": "[",
    "】": "]",
    "《": "<",
    "》": ">",
    "—": "-",
    "…": "...",
}


class SandboxError(Exception):
    """Code was refused or stopped; the message is for the learner."""


def normalize_source(source: str) -> tuple[str, str | None]:
    """Turn full-width punctuation and digits from a Chinese IME into ASCII; say so if it did."""
    converted = []
    changes = set()
    in_string: str | None = None
    for ch in source:
        new = ch
        if in_string is None or ch in "“”‘’":
            new = FULL_WIDTH_EXTRA.get(ch) or unicodedata.normalize("NFKC", ch)
            if len(new) != 1 or not new.isascii():
                new = ch
        if new in "\"'":
            in_string = None if in_string == new else (new if in_string is None else in_string)
        if new != ch:
            changes.add(f"{ch} → {new}")
        converted.append(new)
    if not changes:
        return source, None
    note = _("Full-width characters (from a Chinese input method) were read as ASCII: {changes}").format(
        changes=", ".join(sorted(changes))
    )
    return "".join(converted), note


def check_attribute_name(name: str) -> None:
    """Refuse internal (underscore) names and the attributes that reach files, code or settings."""
    if name.startswith("_"):
        raise SandboxError(
            _("Attributes starting with an underscore (.{name}) are internal and not available here.").format(
                name=name
            )
        )
    if name in FORBIDDEN_ATTRIBUTES:
        raise SandboxError(
            _(".{name} is not available in this playground (no files, code or settings of the app).").format(
                name=name
            )
        )


def check_source(tree: ast.AST) -> None:
    """Raise :class:`SandboxError` with a friendly message if ``tree`` uses anything not allowed."""
    _Checker().visit(tree)


class _Checker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.assignable: set[int] = set()  # attribute targets the rewriter routes through the guard

    def generic_visit(self, node: ast.AST) -> None:
        for kind, message in REFUSED_SYNTAX.items():
            if isinstance(node, kind):
                raise SandboxError(_(message))
        if not isinstance(node, ALLOWED_NODES):
            raise SandboxError(_(NOT_AVAILABLE).format(type(node).__name__))
        message = ATTRIBUTE_TARGET_REFUSALS.get(type(node))
        if message is not None:
            for target in _targets(node):
                attribute = _stored_attribute(target)
                if attribute is not None:
                    raise SandboxError(_(message).format(ast.unparse(attribute)))
        super().generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        check_import(node)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        check_import(node)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute):
            self.assignable.add(id(node.targets[0]))
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id.startswith("_"):
            raise SandboxError(
                _("Names starting with an underscore ({name}) are reserved; choose another name.").format(
                    name=node.id
                )
            )
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        check_attribute_name(node.attr)
        if not isinstance(node.ctx, ast.Load) and id(node) not in self.assignable:
            raise SandboxError(
                _(
                    "Change one attribute at a time with a plain assignment, e.g. x.requires_grad = True; "
                    "{target} cannot be a target here."
                ).format(target=ast.unparse(node))
            )
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg is not None and node.arg.startswith("_"):
            raise SandboxError(_("Keyword {name} is reserved.").format(name=node.arg))
        self.generic_visit(node)


def check_import(node: ast.Import | ast.ImportFrom) -> None:
    """Refuse an import the lesson does not write, saying which ones work."""
    if isinstance(node, ast.ImportFrom):
        if node.module == "__future__" and not node.level:
            return
        modules = [("." * node.level) + (node.module or "")]
        names = [alias.name for alias in node.names]
        if "*" in names:
            raise SandboxError(_("from ... import * is not available here: import the names you use."))
        for name in names:
            check_attribute_name(name)
    else:
        modules = [alias.name for alias in node.names]
    for module in modules:
        if module in TRAINING_IMPORTS or module.startswith(("torchvision.", "torch.utils.")):
            raise SandboxError(_(TRAINING_REFUSAL).format(module=module))
        if module not in LESSON_IMPORTS:
            raise SandboxError(_(IMPORT_REFUSAL).format(module=module))
    for alias in node.names:
        bound = alias.asname or alias.name.split(".")[0]
        if bound.startswith("_"):
            raise SandboxError(
                _("Names starting with an underscore ({name}) are reserved; choose another name.").format(
                    name=bound
                )
            )


def _targets(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.Delete):
        return list(node.targets)
    if isinstance(node, ast.withitem):
        return [node.optional_vars] if node.optional_vars is not None else []
    return [node.target]  # For, comprehension, AnnAssign, AugAssign


def _stored_attribute(target: ast.AST) -> ast.Attribute | None:
    """Return an attribute that ``target`` would assign or delete (inside tuples and starred too)."""
    for node in ast.walk(target):
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            return node
    return None
