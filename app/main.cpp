#include "core/ConsoleLauncher.h"

int main(int argc, char *argv[])
{
    return Gatehouse::ConsoleLauncher::main(argc, argv, QStringLiteral(GATEHOUSE_VERSION));
}
