from core.export.session_script import SessionScript, name_last_expression, print_last_expression


def test_the_last_expression_is_printed_as_the_tab_shows_it():
    assert print_last_expression("x = torch.rand(5, 3)\nx") == "x = torch.rand(5, 3)\nprint(x)"
    assert print_last_expression("x = 1") == "x = 1"
    assert print_last_expression("print(x)") == "print(x)"
    assert print_last_expression("a\nx  # 张量") == "a\nprint(x)  # 张量"
    assert name_last_expression("x = 1\nx * 2", "result") == "x = 1\nresult = x * 2\nprint(result)"


def test_refused_code_stays_as_a_comment_saying_why():
    script = SessionScript()
    script.ran("x = torch.ones(2)")
    script.left_out("import os\nos.getcwd()", "Imports are not needed here.\nSecond line")
    script.ran("net = LeNet()\nx")
    text = script.text("Title")
    assert "# Left out: Imports are not needed here.\n# import os\n# os.getcwd()\n" in text
    assert "class Net(nn.Module):" in text and "LeNet = Net" in text and "Neuralnetwork" not in text
    assert text.rstrip().endswith("net = LeNet()\nprint(x)")
    compile(text, "copied", "exec")
