#include "ServiceError.h"

#include <QCoreApplication>

namespace Gatehouse {

void ServiceError::internal(ServiceError *error)
{
    set(error, Kind::Internal,
        QCoreApplication::translate("Gatehouse::ServiceError",
                                    "Something went wrong on our side. Please try again."));
}

} // namespace Gatehouse
